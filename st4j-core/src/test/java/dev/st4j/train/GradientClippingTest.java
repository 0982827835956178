package dev.st4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;

import java.util.List;

class GradientClippingTest {

    @Test
    void globalNormSpansAllTensors() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double norm =
                    GradientClipping.globalNorm(
                            List.of(
                                    manager.create(new float[] {3f, 4f}),
                                    manager.create(new float[][] {{12f}})));
            assertEquals(13.0, norm, 1e-6);
        }
    }

    @Test
    void globalNormIsNanWhenAnyElementIs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double norm =
                    GradientClipping.globalNorm(
                            List.of(
                                    manager.create(new float[] {1f}),
                                    manager.create(new float[] {Float.NaN})));
            assertTrue(Double.isNaN(norm));
        }
    }

    @Test
    void clipFactorScalesOnlyAboveMaximum() {
        assertEquals(1.0 / (13 + 1e-6), GradientClipping.clipFactor(13, 1.0), 1e-12);
        assertEquals(1.0, GradientClipping.clipFactor(0.5, 1.0));
        assertEquals(1.0, GradientClipping.clipFactor(100, 0));
    }
}
