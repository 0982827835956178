package dev.st4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.st4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The encoder settings of a Hugging Face {@code config.json}. Keys st4j does not use are kept in
 * {@code source} and written back unchanged on save.
 *
 * @param hiddenAct the activation name as written in the file
 * @param source the parsed file, or an empty object for a config built in code
 */
public record EncoderConfig(
        Architecture architecture,
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        String hiddenAct,
        double hiddenDropoutProb,
        double attentionProbsDropoutProb,
        int maxPositionEmbeddings,
        int typeVocabSize,
        double layerNormEps,
        int padTokenId,
        ObjectNode source) {

    public static final String FILE_NAME = "config.json";

    /**
     * Validates the settings against each other.
     *
     * @throws ModelLoadException naming the first inconsistent value
     */
    public EncoderConfig {
        requirePositive("vocab_size", vocabSize);
        requirePositive("hidden_size", hiddenSize);
        requirePositive("num_hidden_layers", numHiddenLayers);
        requirePositive("num_attention_heads", numAttentionHeads);
        requirePositive("intermediate_size", intermediateSize);
        requirePositive("max_position_embeddings", maxPositionEmbeddings);
        requirePositive("type_vocab_size", typeVocabSize);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new ModelLoadException(FILE_NAME + ": hidden_size " + hiddenSize
                    + " is not divisible by num_attention_heads " + numAttentionHeads);
        }
        if (!(layerNormEps > 0)) {
            throw new ModelLoadException(FILE_NAME + ": layer_norm_eps must be positive, found "
                    + layerNormEps);
        }
        checkProbability("hidden_dropout_prob", hiddenDropoutProb);
        checkProbability("attention_probs_dropout_prob", attentionProbsDropoutProb);
        Activation.fromConfig(hiddenAct, FILE_NAME);
        if (maxSequenceLimit(architecture, maxPositionEmbeddings, padTokenId) < 2) {
            throw new ModelLoadException(FILE_NAME + ": max_position_embeddings "
                    + maxPositionEmbeddings + " leaves no room for a sequence after the "
                    + architecture + " position offset " + architecture.positionOffset(padTokenId));
        }
        source = source == null ? Json.MAPPER.createObjectNode() : source.deepCopy();
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    public Activation activation() {
        return Activation.fromConfig(hiddenAct, FILE_NAME);
    }

    /** Longest token sequence the position embeddings can index. */
    public int maxSequenceLimit() {
        return maxSequenceLimit(architecture, maxPositionEmbeddings, padTokenId);
    }

    private static int maxSequenceLimit(Architecture architecture, int positions, int padTokenId) {
        return positions - architecture.positionOffset(padTokenId);
    }

    /**
     * Reads {@code config.json}.
     *
     * @throws ModelLoadException when a required key is missing or a value is inconsistent
     */
    public static EncoderConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file + " is missing: a model folder needs the Hugging"
                    + " Face config.json of its encoder");
        }
        JsonNode root = Json.MAPPER.readTree(file.toFile());
        if (!(root instanceof ObjectNode object)) {
            throw new ModelLoadException(file + ": expected a JSON object");
        }
        String positionType = object.path("position_embedding_type").asText("absolute");
        if (!positionType.equals("absolute")) {
            throw new ModelLoadException(file + ": position_embedding_type '" + positionType
                    + "' is not supported: st4j runs absolute position embeddings only");
        }
        Architecture architecture =
                Architecture.fromModelType(object.path("model_type").asText(null), file.toString());
        try {
            return new EncoderConfig(
                    architecture,
                    requiredInt(object, "vocab_size", file),
                    requiredInt(object, "hidden_size", file),
                    requiredInt(object, "num_hidden_layers", file),
                    requiredInt(object, "num_attention_heads", file),
                    requiredInt(object, "intermediate_size", file),
                    object.path("hidden_act").asText("gelu"),
                    object.path("hidden_dropout_prob").asDouble(0.1),
                    object.path("attention_probs_dropout_prob").asDouble(0.1),
                    requiredInt(object, "max_position_embeddings", file),
                    object.path("type_vocab_size").asInt(architecture == Architecture.BERT ? 2 : 1),
                    object.path("layer_norm_eps").asDouble(1e-12),
                    object.path("pad_token_id").asInt(architecture == Architecture.BERT ? 0 : 1),
                    object);
        } catch (ModelLoadException e) {
            throw new ModelLoadException(e.getMessage().replace(FILE_NAME, file.toString()), e);
        }
    }

    /** Returns the JSON to write as {@code config.json}: the source keys plus st4j's values. */
    public ObjectNode toJson() {
        ObjectNode json = source.deepCopy();
        json.putArray("architectures").add(architecture.modelClass());
        json.put("model_type", architecture.modelType());
        json.put("vocab_size", vocabSize);
        json.put("hidden_size", hiddenSize);
        json.put("num_hidden_layers", numHiddenLayers);
        json.put("num_attention_heads", numAttentionHeads);
        json.put("intermediate_size", intermediateSize);
        json.put("hidden_act", hiddenAct);
        json.put("hidden_dropout_prob", hiddenDropoutProb);
        json.put("attention_probs_dropout_prob", attentionProbsDropoutProb);
        json.put("max_position_embeddings", maxPositionEmbeddings);
        json.put("type_vocab_size", typeVocabSize);
        json.put("layer_norm_eps", layerNormEps);
        json.put("pad_token_id", padTokenId);
        json.put("position_embedding_type", "absolute");
        if (!json.has("initializer_range")) {
            json.put("initializer_range", 0.02);
        }
        return json;
    }

    private static int requiredInt(ObjectNode object, String key, Path file) {
        JsonNode value = object.get(key);
        if (value == null || !value.canConvertToInt()) {
            throw new ModelLoadException(file + ": required integer '" + key + "' is missing");
        }
        return value.asInt();
    }

    private static void requirePositive(String key, int value) {
        if (value <= 0) {
            throw new ModelLoadException(FILE_NAME + ": " + key + " must be positive, found " + value);
        }
    }

    private static void checkProbability(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new ModelLoadException(FILE_NAME + ": " + key + " must be in [0, 1), found " + value);
        }
    }
}
