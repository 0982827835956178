package dev.st4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.st4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading diagnoses: each broken layout names the file and the rule it breaks. */
class ModelFolderTest {

    @TempDir Path dir;

    @Test
    void plainCheckpointUsesRequestedPooling() throws IOException {
        Path folder = TinyModels.plainCheckpoint(dir.resolve("plain"));
        try (SentenceTransformer model = SentenceTransformer.load(folder, PoolingMode.CLS)) {
            assertEquals(PoolingMode.CLS, model.poolingMode());
            assertFalse(model.normalizes());
            assertEquals(64, model.maxSeqLength());
        }
        try (SentenceTransformer model = SentenceTransformer.load(folder)) {
            assertEquals(PoolingMode.MEAN, model.poolingMode());
        }
    }

    @Test
    void plainCheckpointSavesAsSentenceTransformer() throws IOException {
        Path folder = TinyModels.plainCheckpoint(dir.resolve("plain"));
        Path saved = dir.resolve("saved");
        List<String> texts = List.of("wooden puzzle", "LEGO bricks for kids");
        try (SentenceTransformer model = SentenceTransformer.load(folder, PoolingMode.MAX)) {
            float[][] before = model.encode(texts, EncodeOptions.defaults()).embeddings();
            model.save(saved, false);
            try (SentenceTransformer reloaded = SentenceTransformer.load(saved)) {
                assertEquals(PoolingMode.MAX, reloaded.poolingMode());
                float[][] after = reloaded.encode(texts, EncodeOptions.defaults()).embeddings();
                for (int i = 0; i < texts.size(); i++) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(before[i], after[i], 0f);
                }
            }
        }
        assertTrue(Files.isRegularFile(saved.resolve("modules.json")));
        assertTrue(Files.isRegularFile(saved.resolve("1_Pooling/config.json")));
    }

    @Test
    void missingPoolingConfigIsNamed() throws IOException {
        Path folder = TinyModels.sentenceTransformer(dir.resolve("st"), Architecture.BERT);
        Files.delete(folder.resolve("1_Pooling/config.json"));
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SentenceTransformer.load(folder));
        assertTrue(e.getMessage().contains("1_Pooling/config.json"), e.getMessage());
    }

    @Test
    void missingModuleFolderIsNamed() throws IOException {
        Path folder = TinyModels.sentenceTransformer(dir.resolve("st"), Architecture.BERT);
        dev.st4j.io.AtomicFiles.deleteRecursively(folder.resolve("1_Pooling"));
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SentenceTransformer.load(folder));
        assertTrue(e.getMessage().contains("1_Pooling"), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void unsupportedModuleTypeIsNamed() throws IOException {
        Path folder = TinyModels.sentenceTransformer(dir.resolve("st"), Architecture.BERT);
        var modules = (com.fasterxml.jackson.databind.node.ArrayNode)
                Json.MAPPER.readTree(folder.resolve("modules.json").toFile());
        modules.addObject().put("idx", 3).put("name", "3").put("path", "3_Dense")
                .put("type", "sentence_transformers.models.Dense");
        Json.MAPPER.writeValue(folder.resolve("modules.json").toFile(), modules);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SentenceTransformer.load(folder));
        assertTrue(e.getMessage().contains("3_Dense"), e.getMessage());
        assertTrue(e.getMessage().contains("sentence_transformers.models.Dense"), e.getMessage());
    }

    @Test
    void unlistedModuleFolderIsIgnored() throws IOException {
        Path folder = TinyModels.sentenceTransformer(dir.resolve("st"), Architecture.BERT);
        Files.createDirectory(folder.resolve("3_Extra"));
        try (SentenceTransformer model = SentenceTransformer.load(folder)) {
            assertEquals(32, model.dimension());
        }
    }

    @Test
    void shapeMismatchShowsExpectedAndFound() throws IOException {
        Path folder = TinyModels.sentenceTransformer(dir.resolve("st"), Architecture.BERT);
        editConfig(folder, "intermediate_size", 65);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SentenceTransformer.load(folder));
        assertTrue(e.getMessage().contains("encoder.layer.0.intermediate.dense.weight has shape"
                + " [64, 32], expected [65, 32]"), e.getMessage());
    }

    @Test
    void headsMustDivideHiddenSize() throws IOException {
        Path folder = TinyModels.sentenceTransformer(dir.resolve("st"), Architecture.BERT);
        editConfig(folder, "num_attention_heads", 5);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SentenceTransformer.load(folder));
        assertTrue(e.getMessage().contains("hidden_size 32 is not divisible by num_attention_heads 5"),
                e.getMessage());
        assertTrue(e.getMessage().contains(folder.resolve("config.json").toString()), e.getMessage());
    }

    @Test
    void tokenizerBeyondVocabularyIsRejected() throws IOException {
        Path folder = TinyModels.sentenceTransformer(dir.resolve("st"), Architecture.BERT);
        EncoderConfig small = new EncoderConfig(Architecture.BERT, 1000, 32, 2, 4, 64, "gelu",
                0.1, 0.1, 64, 2, 1e-12, 0, null);
        Json.MAPPER.writeValue(folder.resolve("config.json").toFile(), small.toJson());
        Safetensors.write(folder.resolve("model.safetensors"), TinyModels.randomWeights(small, 3));
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SentenceTransformer.load(folder));
        assertTrue(e.getMessage().contains("token id 30521"), e.getMessage());
        assertTrue(e.getMessage().contains("1000 rows"), e.getMessage());
    }

    @Test
    void pickleWeightsGetConversionHint() throws IOException {
        Path folder = TinyModels.sentenceTransformer(dir.resolve("st"), Architecture.BERT);
        Files.delete(folder.resolve("model.safetensors"));
        Files.writeString(folder.resolve("pytorch_model.bin"), "not read");
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SentenceTransformer.load(folder));
        assertTrue(e.getMessage().contains("model.safetensors is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("safe_serialization=True"), e.getMessage());
    }

    @Test
    void missingTokenizerIsNamed() throws IOException {
        Path folder = TinyModels.sentenceTransformer(dir.resolve("st"), Architecture.BERT);
        Files.delete(folder.resolve("tokenizer.json"));
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SentenceTransformer.load(folder));
        assertTrue(e.getMessage().contains("tokenizer.json is missing"), e.getMessage());
    }

    @Test
    void folderWithoutConfigIsExplained() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SentenceTransformer.load(empty));
        assertTrue(e.getMessage().contains("neither modules.json"), e.getMessage());
    }

    private static void editConfig(Path folder, String key, int value) throws IOException {
        var config = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.MAPPER.readTree(folder.resolve("config.json").toFile());
        config.put(key, value);
        Json.MAPPER.writeValue(folder.resolve("config.json").toFile(), config);
    }
}
