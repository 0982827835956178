package dev.st4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SoftmaxTest {

    @Test
    void equalScoresGiveEqualProbabilities() {
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f},
                Softmax.apply(new float[] {3, 3, 3, 3}), 1e-7f);
    }

    @Test
    void largeScoresDoNotOverflow() {
        float[] probabilities = Softmax.apply(new float[] {1000, 999, -1000});

        assertEquals(0.7310586f, probabilities[0], 1e-6f);
        assertEquals(0.2689414f, probabilities[1], 1e-6f);
        assertEquals(0f, probabilities[2], 1e-12f);
    }
}
