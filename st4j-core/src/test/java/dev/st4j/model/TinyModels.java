package dev.st4j.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Small random encoders (hidden 32, 4 heads, 2 layers) with the real all-MiniLM-L6-v2 tokenizer,
 * written as sentence-transformers folders or plain checkpoints for fast layout tests.
 */
public final class TinyModels {

    private TinyModels() {}

    static EncoderConfig config(Architecture architecture) {
        boolean bert = architecture == Architecture.BERT;
        return new EncoderConfig(architecture, 30522, 32, 2, 4, 64, "gelu", 0.1, 0.1,
                bert ? 64 : 66, bert ? 2 : 1, 1e-12, bert ? 0 : 1, null);
    }

    /** Random weights for {@code config}: N(0, 0.02) matrices, LayerNorm weight 1 and bias 0. */
    static Map<String, Safetensors.Tensor> randomWeights(EncoderConfig config, long seed) {
        Random random = new Random(seed);
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> entry : ParameterLayout.expectedShapes(config).entrySet()) {
            long count = 1;
            for (long dim : entry.getValue()) {
                count *= dim;
            }
            float[] values = new float[(int) count];
            boolean norm = entry.getKey().contains("LayerNorm");
            for (int i = 0; i < values.length; i++) {
                values[i] = norm ? (entry.getKey().endsWith("weight") ? 1f : 0f)
                        : (float) (random.nextGaussian() * 0.02);
            }
            tensors.put(entry.getKey(), Safetensors.Tensor.of(entry.getValue(), values));
        }
        return tensors;
    }

    /** Writes a sentence-transformers folder with mean pooling and Normalize. */
    static Path sentenceTransformer(Path dir, Architecture architecture) throws IOException {
        EncoderConfig config = config(architecture);
        Files.createDirectories(dir);
        ModelWriter.write(dir, new ModelWriter.Contents(config, PoolingMode.MEAN, true, false, 48,
                randomWeights(config, 1), tokenizerFiles(), null, Map.of()));
        return dir;
    }

    /** Writes only config.json, model.safetensors and tokenizer.json, as a bare HF checkpoint. */
    static Path plainCheckpoint(Path dir) throws IOException {
        EncoderConfig config = config(Architecture.BERT);
        Files.createDirectories(dir);
        dev.st4j.io.Json.MAPPER.writeValue(dir.resolve("config.json").toFile(), config.toJson());
        Safetensors.write(dir.resolve("model.safetensors"), randomWeights(config, 2));
        Files.write(dir.resolve("tokenizer.json"), tokenizerFiles().get("tokenizer.json"));
        return dir;
    }

    static Map<String, byte[]> tokenizerFiles() throws IOException {
        Path source = TestModels.folder(EmbeddedModel.ALL_MINILM_L6_V2);
        return Map.of("tokenizer.json", Files.readAllBytes(source.resolve("tokenizer.json")));
    }
}
