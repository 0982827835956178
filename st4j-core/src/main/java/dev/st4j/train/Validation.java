package dev.st4j.train;

import dev.st4j.data.LabelMap;
import dev.st4j.data.Record;
import dev.st4j.eval.ClassificationMetrics;
import dev.st4j.eval.Softmax;
import dev.st4j.model.SentenceTransformer;

import java.util.List;

/** Scores of the head on the validation split, computed at each epoch end. */
record Validation(double loss, double accuracy, double macroF1) {

    static final Validation NONE = new Validation(Double.NaN, Double.NaN, Double.NaN);

    static final int BATCH_SIZE = 32;

    /**
     * Scores {@code records}: mean cross-entropy (no smoothing or weights) and the accuracy and
     * macro-F1 of the argmax class.
     */
    static Validation evaluate(
            SentenceTransformer model,
            ClassificationHead head,
            List<Record> records,
            LabelMap labels,
            int maxSeqLength) {
        if (records.isEmpty()) {
            return NONE;
        }
        List<String> texts = records.stream().map(Record::text).toList();
        float[][] logits = HeadInference.logits(model, head, texts, maxSeqLength, BATCH_SIZE);
        int[] actual = new int[records.size()];
        int[] predicted = new int[records.size()];
        double lossSum = 0;
        for (int i = 0; i < records.size(); i++) {
            actual[i] = labels.idOf(records.get(i).label());
            predicted[i] = HeadInference.argmax(logits[i]);
            lossSum -=
                    Math.log(
                            Math.max(Softmax.apply(logits[i])[actual[i]], Float.MIN_VALUE));
        }
        ClassificationMetrics metrics =
                ClassificationMetrics.compute(actual, predicted, labels.names());
        return new Validation(lossSum / records.size(), metrics.accuracy(), metrics.macroF1());
    }
}
