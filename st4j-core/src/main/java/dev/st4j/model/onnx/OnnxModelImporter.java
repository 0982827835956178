package dev.st4j.model.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.st4j.io.Hashing;
import dev.st4j.io.Json;
import dev.st4j.model.EmbeddedModel;
import dev.st4j.model.ModelLoadException;
import dev.st4j.model.ModelWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an embedded ONNX export and its tokenizer.json into the contents of a
 * sentence-transformers folder.
 */
public final class OnnxModelImporter {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxModelImporter.class);

    private OnnxModelImporter() {}

    /**
     * Reads the model's resources from the classpath and converts them.
     *
     * @throws ModelLoadException when a resource is missing or the graph is not a BERT export
     */
    public static ModelWriter.Contents importEmbedded(EmbeddedModel model) throws IOException {
        long started = System.nanoTime();
        byte[] onnx = readResource(model.onnxResource(), model);
        byte[] tokenizerBytes = readResource(model.tokenizerResource(), model);
        ObjectNode tokenizer = (ObjectNode) Json.MAPPER.readTree(tokenizerBytes);
        int padTokenId = padTokenId(tokenizer);
        boolean lowerCase = tokenizer.path("normalizer").path("lowercase").asBoolean(false);

        OnnxGraph graph = OnnxGraph.parse(ByteBuffer.wrap(onnx));
        OnnxBertConverter.Converted converted =
                OnnxBertConverter.convert(graph, model.onnxResource(), padTokenId);

        Map<String, byte[]> files = new LinkedHashMap<>();
        // The shipped file may pin padding and truncation (to 128 for all-MiniLM-L6-v2); the
        // saved tokenizer leaves both to the caller, as Hugging Face's own files do.
        tokenizer.putNull("truncation");
        tokenizer.putNull("padding");
        files.put("tokenizer.json", Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(tokenizer));
        files.put("tokenizer_config.json", Json.MAPPER.writeValueAsBytes(
                tokenizerConfig(lowerCase, converted.config().maxSequenceLimit())));
        files.put("special_tokens_map.json", Json.MAPPER.writeValueAsBytes(specialTokens()));
        files.put("vocab.txt", vocabText(tokenizer));

        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("onnx_resource", resourceIdentity(model));
        provenance.put("onnx_sha256", Hashing.sha256(onnx));
        provenance.put("artifact", model.artifact());
        provenance.put("hub_id", model.hubId());
        LOG.info("Converted {} from ONNX in {} ms", model.shortName(),
                (System.nanoTime() - started) / 1_000_000);
        return new ModelWriter.Contents(converted.config(), model.pooling(), model.normalize(),
                false, model.maxSeqLength(), converted.tensors(), files, null, provenance);
    }

    /**
     * Names the jar entry of the model's ONNX file, including the jar's file name (which carries
     * its version), so a cache made from another version can be told apart.
     */
    public static String resourceIdentity(EmbeddedModel model) {
        String url = model.onnxUrl().map(Object::toString).orElse(model.onnxResource());
        int jarEnd = url.indexOf("!/");
        String jar = jarEnd < 0 ? url : url.substring(0, jarEnd);
        return jar.substring(jar.lastIndexOf('/') + 1) + (jarEnd < 0 ? "" : url.substring(jarEnd));
    }

    private static byte[] readResource(String name, EmbeddedModel model) throws IOException {
        try (InputStream in = EmbeddedModel.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new ModelLoadException("Resource " + name + " of embedded model "
                        + model.shortName() + " is not on the classpath; add the Maven dependency "
                        + model.artifact());
            }
            return in.readAllBytes();
        }
    }

    private static int padTokenId(JsonNode tokenizer) {
        JsonNode padding = tokenizer.path("padding");
        if (padding.has("pad_id")) {
            return padding.get("pad_id").asInt();
        }
        for (JsonNode added : tokenizer.path("added_tokens")) {
            if (added.path("content").asText().equals("[PAD]")) {
                return added.path("id").asInt();
            }
        }
        return 0;
    }

    private static ObjectNode tokenizerConfig(boolean lowerCase, int maxLength) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("tokenizer_class", "BertTokenizer");
        config.put("do_lower_case", lowerCase);
        config.put("model_max_length", maxLength);
        config.put("clean_up_tokenization_spaces", true);
        config.put("tokenize_chinese_chars", true);
        config.putNull("strip_accents");
        specialTokens().fields().forEachRemaining(e -> config.set(e.getKey(), e.getValue()));
        return config;
    }

    private static ObjectNode specialTokens() {
        ObjectNode tokens = Json.MAPPER.createObjectNode();
        tokens.put("cls_token", "[CLS]");
        tokens.put("mask_token", "[MASK]");
        tokens.put("pad_token", "[PAD]");
        tokens.put("sep_token", "[SEP]");
        tokens.put("unk_token", "[UNK]");
        return tokens;
    }

    /** vocab.txt for Python's slow BertTokenizer: one WordPiece token per line, by id. */
    private static byte[] vocabText(JsonNode tokenizer) {
        TreeMap<Integer, String> byId = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tokenizer.path("model").path("vocab").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            byId.put(entry.getValue().asInt(), entry.getKey());
        }
        StringBuilder text = new StringBuilder();
        byId.values().forEach(token -> text.append(token).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
