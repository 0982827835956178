package dev.st4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.st4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a checkpoint's safetensors weights and checks them against its config.json. */
final class CheckpointReader {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointReader.class);

    static final String WEIGHTS = "model.safetensors";
    static final String WEIGHTS_INDEX = "model.safetensors.index.json";

    /**
     * Checked weights.
     *
     * @param parameters the encoder's tensors in forward order
     * @param extras tensors kept for saving but unused by sentence embeddings (BERT's pooler)
     */
    record Weights(Map<String, Safetensors.Tensor> parameters, Map<String, Safetensors.Tensor> extras) {}

    private CheckpointReader() {}

    /** Reads {@code model.safetensors}, or every shard listed by its index file. */
    static Map<String, Safetensors.Tensor> readTensors(Path dir) throws IOException {
        Path single = dir.resolve(WEIGHTS);
        if (Files.isRegularFile(single)) {
            return Safetensors.read(single);
        }
        Path index = dir.resolve(WEIGHTS_INDEX);
        if (Files.isRegularFile(index)) {
            Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
            JsonNode weightMap = Json.MAPPER.readTree(index.toFile()).path("weight_map");
            for (String shard : new TreeSet<>(valuesOf(weightMap))) {
                tensors.putAll(Safetensors.read(dir.resolve(shard)));
            }
            return tensors;
        }
        String hint = Files.exists(dir.resolve("pytorch_model.bin"))
                ? "; it has pytorch_model.bin, which st4j does not read (pickle). In Python,"
                        + " model.save_pretrained(folder, safe_serialization=True) writes safetensors"
                : "";
        throw new ModelLoadException(single + " is missing" + hint);
    }

    private static List<String> valuesOf(JsonNode object) {
        List<String> values = new ArrayList<>();
        for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
            values.add(it.next().asText());
        }
        return values;
    }

    /**
     * Checks names and shapes against {@code config}.
     *
     * @throws ModelLoadException listing every missing tensor and every shape mismatch
     */
    static Weights check(Map<String, Safetensors.Tensor> raw, EncoderConfig config, Path source) {
        Map<String, Safetensors.Tensor> byName = new LinkedHashMap<>();
        for (Map.Entry<String, Safetensors.Tensor> entry : raw.entrySet()) {
            byName.put(ParameterLayout.canonicalName(entry.getKey(), config.architecture()),
                    entry.getValue());
        }
        List<String> problems = new ArrayList<>();
        Map<String, Safetensors.Tensor> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> expected : ParameterLayout.expectedShapes(config).entrySet()) {
            Safetensors.Tensor tensor = byName.remove(expected.getKey());
            if (tensor == null) {
                problems.add(expected.getKey() + " is missing");
            } else if (!Arrays.equals(tensor.shape(), expected.getValue())) {
                problems.add(expected.getKey() + " has shape " + Arrays.toString(tensor.shape())
                        + ", expected " + Arrays.toString(expected.getValue()) + " from config.json");
            } else {
                parameters.put(expected.getKey(), tensor);
            }
        }
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 8);
            throw new ModelLoadException(source + " does not match its config.json ("
                    + problems.size() + " problems): " + String.join("; ", problems.subList(0, shown))
                    + (shown < problems.size() ? "; ..." : ""));
        }
        Map<String, Safetensors.Tensor> extras = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<String, Safetensors.Tensor> entry : byName.entrySet()) {
            if (entry.getKey().startsWith("pooler.")) {
                extras.put(entry.getKey(), entry.getValue());
            } else {
                ignored.add(entry.getKey());
            }
        }
        if (!ignored.isEmpty()) {
            LOG.warn("{}: ignoring {} tensors that the encoder does not use: {}", source,
                    ignored.size(), ignored.subList(0, Math.min(ignored.size(), 10)));
        }
        return new Weights(parameters, extras);
    }
}
