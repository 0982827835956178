package dev.st4j.eval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy, macro-F1, weighted-F1, per-class precision/recall/F1/support and the confusion
 * matrix of one set of predictions, computed as scikit-learn's {@code f1_score} and
 * {@code classification_report} do by default: a class with no predictions has precision 0, a
 * class with no support has recall 0, and the macro average runs over the classes that occur in
 * the actual or the predicted labels. So a class that is predicted but never actual counts with
 * F1 0, and a class that is neither is left out. The weighted average weights by support.
 *
 * @param confusion {@code confusion[actual][predicted]} counts, classes in label-id order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ClassificationMetrics(
        int total,
        double accuracy,
        double macroF1,
        double weightedF1,
        List<ClassMetrics> perClass,
        int[][] confusion,
        List<String> labels) {

    /** Scores of one class. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ClassMetrics(String label, double precision, double recall, double f1, int support) {}

    /**
     * Computes the metrics of {@code predicted} against {@code actual}, both label ids in
     * 0..labels.size()-1.
     */
    public static ClassificationMetrics compute(int[] actual, int[] predicted, List<String> labels) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " labels but predicted has "
                    + predicted.length);
        }
        int classes = labels.size();
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            checkId(actual[i], classes, "actual", i);
            checkId(predicted[i], classes, "predicted", i);
            confusion[actual[i]][predicted[i]]++;
            if (actual[i] == predicted[i]) {
                correct++;
            }
        }

        List<ClassMetrics> perClass = new ArrayList<>(classes);
        double macroSum = 0;
        int macroCount = 0;
        double weightedSum = 0;
        for (int c = 0; c < classes; c++) {
            int truePositives = confusion[c][c];
            int support = 0;
            int predictedCount = 0;
            for (int k = 0; k < classes; k++) {
                support += confusion[c][k];
                predictedCount += confusion[k][c];
            }
            double precision = predictedCount == 0 ? 0 : (double) truePositives / predictedCount;
            double recall = support == 0 ? 0 : (double) truePositives / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(new ClassMetrics(labels.get(c), precision, recall, f1, support));
            if (support > 0 || predictedCount > 0) {
                macroSum += f1;
                macroCount++;
            }
            weightedSum += f1 * support;
        }
        int total = actual.length;
        return new ClassificationMetrics(
                total,
                total == 0 ? 0 : (double) correct / total,
                macroCount == 0 ? 0 : macroSum / macroCount,
                total == 0 ? 0 : weightedSum / total,
                List.copyOf(perClass),
                confusion,
                List.copyOf(labels));
    }

    private static void checkId(int id, int classes, String role, int index) {
        if (id < 0 || id >= classes) {
            throw new IllegalArgumentException(role + " label id " + id + " at index " + index
                    + " is outside 0.." + (classes - 1));
        }
    }
}
