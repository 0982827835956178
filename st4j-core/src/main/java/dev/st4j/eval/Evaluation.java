package dev.st4j.eval;

import dev.st4j.classify.XgbClassifier;
import dev.st4j.data.LabelMap;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Scores predictions on a held-out split against the labels the classifier was trained on. */
public final class Evaluation {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

    private Evaluation() {}

    /**
     * Scores {@code predicted} against {@code actual} (label ids of {@code labels}) and lists the
     * labels that occur in {@code actual} but not in {@code trainLabels}.
     */
    public static EvaluationResult evaluate(
            int[] actual, int[] predicted, int[] trainLabels, LabelMap labels) {
        ClassificationMetrics metrics = ClassificationMetrics.compute(actual, predicted, labels.names());
        boolean[] trained = new boolean[labels.size()];
        for (int i = 0; i < trainLabels.length; i++) {
            int id = trainLabels[i];
            if (id < 0 || id >= labels.size()) {
                throw new IllegalArgumentException("Training label id " + id + " at index " + i
                        + " is outside 0.." + (labels.size() - 1) + " of the label map");
            }
            trained[id] = true;
        }
        List<String> unseen = new ArrayList<>();
        for (ClassificationMetrics.ClassMetrics perClass : metrics.perClass()) {
            int id = labels.idOf(perClass.label());
            if (perClass.support() > 0 && !trained[id]) {
                unseen.add(perClass.label());
            }
        }
        if (!unseen.isEmpty()) {
            LOG.warn("{} label(s) occur in the evaluated rows but in no training row, so their"
                    + " recall is 0: {}", unseen.size(), unseen);
        }
        LOG.info("Evaluated {} rows: accuracy {}, macro-F1 {}, weighted-F1 {}", metrics.total(),
                String.format("%.4f", metrics.accuracy()), String.format("%.4f", metrics.macroF1()),
                String.format("%.4f", metrics.weightedF1()));
        return new EvaluationResult(metrics, unseen);
    }

    /** Predicts {@code features} with {@code classifier} and scores the result. */
    public static EvaluationResult evaluate(
            XgbClassifier classifier, float[][] features, int[] actual, int[] trainLabels) {
        int[] predicted = classifier.predict(features);
        return evaluate(actual, predicted, trainLabels, classifier.labels());
    }
}
