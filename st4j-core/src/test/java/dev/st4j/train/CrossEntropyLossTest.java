package dev.st4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.Test;

class CrossEntropyLossTest {

    private static final float[][] LOGITS = {{1f, 2f, 3f}, {0.5f, -1f, 0f}};

    private static double logSumExp(float[] row) {
        double sum = 0;
        for (float x : row) {
            sum += Math.exp(x);
        }
        return Math.log(sum);
    }

    /** -log p[c] of one row. */
    private static double nll(float[] row, int c) {
        return logSumExp(row) - row[c];
    }

    private static double loss(CrossEntropyLoss loss, float[][] logits, int[] labels) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return loss.compute(manager.create(logits), labels).getFloat();
        }
    }

    @Test
    void plainLossIsMeanNegativeLogLikelihood() {
        double expected = (nll(LOGITS[0], 2) + nll(LOGITS[1], 0)) / 2;
        assertEquals(
                expected, loss(new CrossEntropyLoss(3, 0, null), LOGITS, new int[] {2, 0}), 1e-6);
    }

    @Test
    void labelSmoothingMixesInUniformTarget() {
        double s = 0.1;
        double row0 =
                (1 - s) * nll(LOGITS[0], 2)
                        + s / 3 * (nll(LOGITS[0], 0) + nll(LOGITS[0], 1) + nll(LOGITS[0], 2));
        double row1 =
                (1 - s) * nll(LOGITS[1], 0)
                        + s / 3 * (nll(LOGITS[1], 0) + nll(LOGITS[1], 1) + nll(LOGITS[1], 2));
        assertEquals(
                (row0 + row1) / 2,
                loss(new CrossEntropyLoss(3, s, null), LOGITS, new int[] {2, 0}),
                1e-6);
    }

    @Test
    void classWeightsNormaliseByTargetWeights() {
        double[] w = {1, 2, 3};
        double expected = (w[2] * nll(LOGITS[0], 2) + w[0] * nll(LOGITS[1], 0)) / (w[2] + w[0]);
        assertEquals(expected, loss(new CrossEntropyLoss(3, 0, w), LOGITS, new int[] {2, 0}), 1e-6);
    }

    @Test
    void weightsAndSmoothingCombineAsPyTorchDoes() {
        double[] w = {1, 2, 3};
        double s = 0.2;
        double smooth0 =
                w[0] * nll(LOGITS[0], 0) + w[1] * nll(LOGITS[0], 1) + w[2] * nll(LOGITS[0], 2);
        double smooth1 =
                w[0] * nll(LOGITS[1], 0) + w[1] * nll(LOGITS[1], 1) + w[2] * nll(LOGITS[1], 2);
        double expected =
                ((1 - s) * (w[2] * nll(LOGITS[0], 2) + w[0] * nll(LOGITS[1], 0))
                                + s / 3 * (smooth0 + smooth1))
                        / (w[2] + w[0]);
        assertEquals(expected, loss(new CrossEntropyLoss(3, s, w), LOGITS, new int[] {2, 0}), 1e-6);
    }

    @Test
    void hugeLogitsStayFinite() {
        double value =
                loss(
                        new CrossEntropyLoss(2, 0, null),
                        new float[][] {{1000f, -1000f}},
                        new int[] {1});
        assertEquals(2000, value, 1e-3);
    }

    @Test
    void gradientIsSoftmaxMinusTarget() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(new float[][] {{1f, 2f, 3f}});
            logits.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(new CrossEntropyLoss(3, 0, null).compute(logits, new int[] {0}));
            }
            double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
            float[] expected = {
                (float) (Math.exp(1) / z - 1), (float) (Math.exp(2) / z), (float) (Math.exp(3) / z)
            };
            assertArrayEquals(expected, logits.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void inverseFrequencyWeightsAreBalanced() {
        double[] weights = CrossEntropyLoss.inverseFrequencyWeights(new int[] {0, 0, 0, 1}, 3);
        assertEquals(4.0 / (3 * 3), weights[0], 1e-12);
        assertEquals(4.0 / 3, weights[1], 1e-12);
        assertEquals(0.0, weights[2]);
    }

    @Test
    void labelOutsideClassesIsRejected() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> loss(new CrossEntropyLoss(3, 0, null), LOGITS, new int[] {3, 0}));
        assertTrue(e.getMessage().contains("label id 3"), e.getMessage());
    }
}
