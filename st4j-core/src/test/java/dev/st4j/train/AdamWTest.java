package dev.st4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

class AdamWTest {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    /** Textbook AdamW on doubles, PyTorch's order: decay, moments, bias-corrected step. */
    private static final class Reference {
        final double[] p;
        final double[] m;
        final double[] v;
        int t;

        Reference(double... p) {
            this.p = p.clone();
            this.m = new double[p.length];
            this.v = new double[p.length];
        }

        void step(double[] g, double lr, double wd) {
            t++;
            for (int i = 0; i < p.length; i++) {
                p[i] *= 1 - lr * wd;
                m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(BETA1, t));
                double vHat = v[i] / (1 - Math.pow(BETA2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + EPS);
            }
        }
    }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6, "element " + i);
        }
    }

    @Test
    void firstStepMatchesHandComputedValues() {
        try (NDManager manager = NDManager.newBaseManager();
                AdamW adam = new AdamW(manager, BETA1, BETA2, EPS, 0.01)) {
            NDArray w = manager.create(new float[] {1f, -2f});
            NDArray g = manager.create(new float[] {0.5f, -1f});
            adam.update(Map.of("w", w), Map.of("w", g), 0.1, 1.0);
            // Step 1: m_hat = g and v_hat = g^2, so the step is lr * sign(g) after decay.
            assertArrayEquals(new float[] {0.999f - 0.1f, -1.998f + 0.1f}, w.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void threeStepsMatchReferenceAdamW() {
        double[][] gradients = {{0.5, -1.0, 0.0}, {-0.2, 0.3, 2.0}, {0.1, 0.1, -0.4}};
        double[] learningRates = {0.1, 0.05, 0.02};
        Reference reference = new Reference(1.0, -2.0, 0.5);
        try (NDManager manager = NDManager.newBaseManager();
                AdamW adam = new AdamW(manager, BETA1, BETA2, EPS, 0.01)) {
            NDArray w = manager.create(new float[] {1f, -2f, 0.5f});
            for (int step = 0; step < 3; step++) {
                NDArray g = manager.create(toFloats(gradients[step]));
                adam.update(Map.of("w", w), Map.of("w", g), learningRates[step], 1.0);
                reference.step(gradients[step], learningRates[step], 0.01);
                assertClose(reference.p, w.toFloatArray());
            }
            assertEquals(3, adam.step());
        }
    }

    @Test
    void gradientScaleEqualsScaledGradients() {
        try (NDManager manager = NDManager.newBaseManager();
                AdamW scaled = new AdamW(manager, BETA1, BETA2, EPS, 0.01);
                AdamW plain = new AdamW(manager, BETA1, BETA2, EPS, 0.01)) {
            NDArray a = manager.create(new float[] {1f, -2f});
            NDArray b = manager.create(new float[] {1f, -2f});
            float[][] gradients = {{0.5f, -1f}, {3f, 0.25f}};
            for (float[] gradient : gradients) {
                scaled.update(Map.of("w", a), Map.of("w", manager.create(gradient)), 0.1, 0.25);
                float[] quarter = {gradient[0] * 0.25f, gradient[1] * 0.25f};
                plain.update(Map.of("w", b), Map.of("w", manager.create(quarter)), 0.1, 1.0);
            }
            assertArrayEquals(b.toFloatArray(), a.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void learningRateFactorScalesOneParameter() {
        try (NDManager manager = NDManager.newBaseManager();
                AdamW adam = new AdamW(manager, BETA1, BETA2, EPS, 0.01)) {
            adam.setLearningRateFactor("head", 10);
            NDArray head = manager.create(new float[] {1f});
            NDArray body = manager.create(new float[] {1f});
            NDArray g = manager.create(new float[] {0.5f});
            adam.update(
                    Map.of("head", head, "body", body), Map.of("head", g, "body", g), 0.01, 1.0);
            Reference headReference = new Reference(1.0);
            headReference.step(new double[] {0.5}, 0.1, 0.01);
            Reference bodyReference = new Reference(1.0);
            bodyReference.step(new double[] {0.5}, 0.01, 0.01);
            assertClose(headReference.p, head.toFloatArray());
            assertClose(bodyReference.p, body.toFloatArray());
        }
    }

    @Test
    void biasAndLayerNormAreNotDecayed() {
        assertFalse(AdamW.decays("encoder.layer.0.attention.output.dense.bias"));
        assertFalse(AdamW.decays("encoder.layer.0.output.LayerNorm.weight"));
        assertFalse(AdamW.decays("embeddings.LayerNorm.bias"));
        assertFalse(AdamW.decays("classifier.bias"));
        assertTrue(AdamW.decays("embeddings.word_embeddings.weight"));
        assertTrue(AdamW.decays("classifier.weight"));
        try (NDManager manager = NDManager.newBaseManager();
                AdamW adam = new AdamW(manager, BETA1, BETA2, EPS, 0.5)) {
            NDArray bias = manager.create(new float[] {4f});
            adam.update(
                    Map.of("x.bias", bias),
                    Map.of("x.bias", manager.create(new float[] {0f})),
                    0.1,
                    1.0);
            // A zero gradient and no decay leave the bias exactly where it was.
            assertArrayEquals(new float[] {4f}, bias.toFloatArray());
        }
    }

    @Test
    void restoredStateContinuesIdentically() {
        try (NDManager manager = NDManager.newBaseManager();
                AdamW original = new AdamW(manager, BETA1, BETA2, EPS, 0.01);
                AdamW restored = new AdamW(manager, BETA1, BETA2, EPS, 0.01)) {
            NDArray a = manager.create(new float[] {1f, -2f});
            original.update(
                    Map.of("w", a), Map.of("w", manager.create(new float[] {0.5f, -1f})), 0.1, 1);
            NDArray b = a.duplicate();
            Map<String, NDArray> state = new LinkedHashMap<>(original.stateTensors());
            restored.loadState(state, original.step());
            NDArray g = manager.create(new float[] {-0.3f, 0.7f});
            original.update(Map.of("w", a), Map.of("w", g), 0.05, 1);
            restored.update(Map.of("w", b), Map.of("w", g), 0.05, 1);
            assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        }
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
