package dev.st4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.st4j.data.LabelMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

class ClassificationHeadTest {

    private static final ClassificationHead.Config CONFIG =
            new ClassificationHead.Config(4, 3, 0.1, 16);

    @Test
    void sameSeedGivesSameWeights() {
        try (NDManager manager = NDManager.newBaseManager();
                ClassificationHead a = ClassificationHead.initialise(manager, CONFIG, 7);
                ClassificationHead b = ClassificationHead.initialise(manager, CONFIG, 7);
                ClassificationHead c = ClassificationHead.initialise(manager, CONFIG, 8)) {
            float[] weightA = a.parameters().get("classifier.weight").toFloatArray();
            assertArrayEquals(weightA, b.parameters().get("classifier.weight").toFloatArray());
            assertEquals(
                    false,
                    java.util.Arrays.equals(
                            weightA, c.parameters().get("classifier.weight").toFloatArray()));
        }
    }

    @Test
    void forwardGivesLogitsPerClass() {
        try (NDManager manager = NDManager.newBaseManager();
                ClassificationHead head = ClassificationHead.initialise(manager, CONFIG, 1)) {
            NDArray logits = head.forward(manager.ones(new Shape(5, 4)), false);
            assertEquals(new Shape(5, 3), logits.getShape());
        }
    }

    @Test
    void savedHeadLoadsWithSameWeights(@TempDir Path dir) throws Exception {
        LabelMap labels = LabelMap.ofOrdered(List.of("a", "b", "c"));
        try (NDManager manager = NDManager.newBaseManager();
                ClassificationHead head = ClassificationHead.initialise(manager, CONFIG, 3)) {
            head.save(dir.resolve("head"), labels);
            try (ClassificationHead loaded =
                    ClassificationHead.load(manager, dir.resolve("head"))) {
                assertEquals(CONFIG, loaded.config());
                assertArrayEquals(
                        head.parameters().get("classifier.weight").toFloatArray(),
                        loaded.parameters().get("classifier.weight").toFloatArray());
                assertEquals(
                        labels, LabelMap.load(dir.resolve("head").resolve(LabelMap.FILE_NAME)));
            }
        }
    }
}
