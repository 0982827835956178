package dev.st4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.st4j.io.Hashing;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentenceTransformerTest {

    private static final List<String> TEXTS = EmbeddedModelParityTest.PRODUCT_TEXTS;

    @Test
    void saveThenLoadGivesBitIdenticalEmbeddings(@TempDir Path dir) throws Exception {
        SentenceTransformer model = TestModels.minilm();
        Path saved = dir.resolve("copy");
        model.save(saved, false);
        float[][] before = model.encode(TEXTS, EncodeOptions.defaults()).embeddings();
        try (SentenceTransformer reloaded = SentenceTransformer.load(saved)) {
            float[][] after = reloaded.encode(TEXTS, EncodeOptions.defaults()).embeddings();
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(before[i], after[i], 0f, "text " + i);
            }
            assertEquals(model.maxSeqLength(), reloaded.maxSeqLength());
            assertEquals(model.poolingMode(), reloaded.poolingMode());
            assertTrue(reloaded.normalizes());
        }
        assertEquals(Hashing.sha256(saved.resolve("model.safetensors")), model.weightsSha256());
    }

    @Test
    void saveRejectsExistingFolderWithoutOverwrite(@TempDir Path dir) throws Exception {
        SentenceTransformer model = TestModels.minilm();
        Path target = dir.resolve("model");
        model.save(target, false);
        assertThrows(FileAlreadyExistsException.class, () -> model.save(target, false));
        model.save(target, true);
    }

    @Test
    void hardTextsEncodeToFiniteUnitVectors() {
        String longWord = "x".repeat(50_000);
        List<String> texts = List.of("", "   \t ", "🎉🎈🎁", "儿童玩具", longWord);
        EncodeResult result = TestModels.minilm().encode(texts, EncodeOptions.defaults());
        for (int i = 0; i < texts.size(); i++) {
            double norm = 0;
            for (float v : result.embeddings()[i]) {
                assertTrue(Float.isFinite(v), "text " + i + " has a non-finite value");
                norm += v * v;
            }
            assertEquals(1.0, Math.sqrt(norm), 1e-4, "norm of text " + i);
        }
    }

    @Test
    void truncatedTextsAreCounted() {
        String longText = "puzzle ".repeat(600);
        EncodeResult result = TestModels.minilm().encode(List.of("short", longText, longText),
                EncodeOptions.defaults().withMaxSeqLength(16));
        assertEquals(2, result.truncatedCount());
        TokenBatch batch = TestModels.minilm().tokenize(List.of("short", longText), 16);
        assertEquals(16, batch.sequenceLength());
        assertEquals(1, batch.truncatedCount());
    }

    @Test
    void tokenizePadsToLongestTextNotTo128() {
        TokenBatch batch = TestModels.minilm().tokenize(List.of("a b", "a b c d"), 0);
        assertEquals(6, batch.sequenceLength());
        assertArrayEquals(new long[] {1, 1, 1, 1, 0, 0}, batch.attentionMask()[0]);
        assertEquals(0, batch.inputIds()[0][5]);
    }

    @Test
    void batchSizeDoesNotChangeEmbeddings() {
        List<String> texts = randomProductTexts(100);
        SentenceTransformer model = TestModels.minilm();
        float[][] single = model.encode(texts, EncodeOptions.defaults().withBatchSize(1)).embeddings();
        for (int batchSize : new int[] {8, 64}) {
            float[][] batched = model.encode(texts, EncodeOptions.defaults().withBatchSize(batchSize))
                    .embeddings();
            for (int i = 0; i < texts.size(); i++) {
                double cosine = cosine(single[i], batched[i]);
                assertTrue(cosine >= 0.9999, "text " + i + " at batch " + batchSize + ": " + cosine);
            }
        }
    }

    @Test
    void encodeLeavesNoArraysInModelManager() {
        SentenceTransformer model = TestModels.minilm();
        model.encode(TEXTS, EncodeOptions.defaults());
        int before = model.manager().getManagedArrays().size();
        model.encode(randomProductTexts(40), EncodeOptions.defaults().withBatchSize(8));
        assertEquals(before, model.manager().getManagedArrays().size());
    }

    @Test
    void embedMatchesEncodeInEvaluationMode() {
        SentenceTransformer model = TestModels.minilm();
        float[][] encoded = model.encode(TEXTS, EncodeOptions.defaults()).embeddings();
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray embedded = model.embed(scope, model.tokenize(TEXTS, 0), false);
            assertArrayEquals(new long[] {TEXTS.size(), model.dimension()}, embedded.getShape().getShape());
            float[] flat = embedded.toFloatArray();
            for (int i = 0; i < TEXTS.size(); i++) {
                for (int d = 0; d < model.dimension(); d++) {
                    assertEquals(encoded[i][d], flat[i * model.dimension() + d], 1e-5,
                            "text " + i + " dim " + d);
                }
            }
        }
    }

    static List<String> randomProductTexts(int count) {
        String[] words = {"wooden", "puzzle", "kids", "toy", "set", "LEGO", "bricks", "ball",
            "outdoor", "camping", "tent", "USB", "cable", "charger", "remote", "control", "car",
            "doll", "house", "café", "größe", "🎉", "儿童", "educational", "STEM", "robot", "kit"};
        Random random = new Random(42);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = 1 + random.nextInt(i % 10 == 0 ? 120 : 25);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < length; w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            texts.add(text.toString().strip());
        }
        return texts;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
