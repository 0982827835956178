package dev.st4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    private static final List<String> LABELS = List.of("cat", "dog", "fox", "owl", "yak");
    // owl is predicted once but never actual; yak is neither actual nor predicted.
    private static final int[] ACTUAL = {0, 0, 0, 1, 1, 2, 2, 2, 2, 0};
    private static final int[] PREDICTED = {0, 1, 0, 1, 3, 2, 2, 0, 2, 0};

    /*
     * Worked by hand with scikit-learn's default definitions (f1_score with average="macro" or
     * "weighted", labels taken from both arrays):
     *   cat: tp 3, predicted 4, support 4 -> P 0.75, R 0.75, F1 0.75
     *   dog: tp 1, predicted 2, support 2 -> P 0.5,  R 0.5,  F1 0.5
     *   fox: tp 3, predicted 3, support 4 -> P 1,    R 0.75, F1 6/7
     *   owl: tp 0, predicted 1, support 0 -> P 0,    R 0,    F1 0
     *   accuracy 7/10; macro over cat, dog, fox, owl = (0.75 + 0.5 + 6/7 + 0) / 4;
     *   weighted = (0.75 * 4 + 0.5 * 2 + 6/7 * 4) / 10.
     */
    @Test
    void goldenValuesMatchHandComputation() {
        ClassificationMetrics metrics = ClassificationMetrics.compute(ACTUAL, PREDICTED, LABELS);

        assertEquals(10, metrics.total());
        assertEquals(0.7, metrics.accuracy(), 1e-12);
        assertEquals((0.75 + 0.5 + 6.0 / 7 + 0) / 4, metrics.macroF1(), 1e-12);
        assertEquals(0.5267857142857143, metrics.macroF1(), 1e-12);
        assertEquals((0.75 * 4 + 0.5 * 2 + 6.0 / 7 * 4) / 10, metrics.weightedF1(), 1e-12);
        assertEquals(0.7428571428571429, metrics.weightedF1(), 1e-12);
    }

    @Test
    void perClassScoresMatchHandComputation() {
        List<ClassificationMetrics.ClassMetrics> perClass =
                ClassificationMetrics.compute(ACTUAL, PREDICTED, LABELS).perClass();

        assertEquals(new ClassificationMetrics.ClassMetrics("cat", 0.75, 0.75, 0.75, 4), perClass.get(0));
        assertEquals(new ClassificationMetrics.ClassMetrics("dog", 0.5, 0.5, 0.5, 2), perClass.get(1));
        assertEquals(1.0, perClass.get(2).precision(), 1e-12);
        assertEquals(0.75, perClass.get(2).recall(), 1e-12);
        assertEquals(6.0 / 7, perClass.get(2).f1(), 1e-12);
        assertEquals(new ClassificationMetrics.ClassMetrics("owl", 0, 0, 0, 0), perClass.get(3));
        assertEquals(new ClassificationMetrics.ClassMetrics("yak", 0, 0, 0, 0), perClass.get(4));
    }

    @Test
    void confusionMatrixCountsActualByPredicted() {
        int[][] confusion = ClassificationMetrics.compute(ACTUAL, PREDICTED, LABELS).confusion();

        assertArrayEquals(new int[] {3, 1, 0, 0, 0}, confusion[0]);
        assertArrayEquals(new int[] {0, 1, 0, 1, 0}, confusion[1]);
        assertArrayEquals(new int[] {1, 0, 3, 0, 0}, confusion[2]);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, confusion[3]);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, confusion[4]);
    }

    @Test
    void computeRejectsIdOutsideLabels() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.compute(new int[] {0}, new int[] {5}, LABELS));

        assertEquals("predicted label id 5 at index 0 is outside 0..4", error.getMessage());
    }
}
