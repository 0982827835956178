package dev.st4j.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.st4j.io.Json;
import dev.st4j.io.Manifest;
import dev.st4j.io.Versions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the sentence-transformers folder layout that Python's {@code SentenceTransformer(path)}
 * loads: the Transformer module at the root (config.json, tokenizer files, model.safetensors,
 * sentence_bert_config.json), {@code 1_Pooling/config.json}, an optional {@code 2_Normalize}
 * folder, and modules.json tying them together.
 */
public final class ModelWriter {

    static final String POOLING_DIR = "1_Pooling";
    static final String NORMALIZE_DIR = "2_Normalize";

    /**
     * Everything a model folder holds.
     *
     * @param tensors HF-named float32 tensors
     * @param tokenizerFiles file name to bytes; must include tokenizer.json
     * @param sentenceTransformersConfig config_sentence_transformers.json to keep, or null
     * @param provenance what the model was made from (name to path, URL or SHA-256), recorded
     *     in st4j-manifest.json
     */
    public record Contents(EncoderConfig config, PoolingMode pooling, boolean normalize,
            boolean doLowerCase, int maxSeqLength, Map<String, Safetensors.Tensor> tensors,
            Map<String, byte[]> tokenizerFiles, ObjectNode sentenceTransformersConfig,
            Map<String, String> provenance) {}

    private ModelWriter() {}

    /** Writes {@code contents} into the existing, empty {@code dir}. */
    public static void write(Path dir, Contents contents) throws IOException {
        if (!contents.tokenizerFiles().containsKey("tokenizer.json")) {
            throw new IllegalArgumentException("A model folder needs tokenizer.json");
        }
        Json.MAPPER.writeValue(dir.resolve(ModelFolder.MODULES).toFile(), modules(contents.normalize()));
        Json.MAPPER.writeValue(dir.resolve(ModelFolder.ST_CONFIG).toFile(),
                sentenceTransformersConfig(contents.sentenceTransformersConfig()));
        ObjectNode bertConfig = Json.MAPPER.createObjectNode();
        bertConfig.put("max_seq_length", contents.maxSeqLength());
        bertConfig.put("do_lower_case", contents.doLowerCase());
        Json.MAPPER.writeValue(dir.resolve(ModelFolder.SENTENCE_BERT_CONFIG).toFile(), bertConfig);
        Json.MAPPER.writeValue(dir.resolve(EncoderConfig.FILE_NAME).toFile(), contents.config().toJson());
        for (Map.Entry<String, byte[]> file : contents.tokenizerFiles().entrySet()) {
            Files.write(dir.resolve(file.getKey()), file.getValue());
        }
        Safetensors.write(dir.resolve(CheckpointReader.WEIGHTS), contents.tensors());
        Path pooling = Files.createDirectory(dir.resolve(POOLING_DIR));
        Json.MAPPER.writeValue(pooling.resolve(ModelFolder.POOLING_CONFIG).toFile(),
                poolingConfig(contents.pooling(), contents.config().hiddenSize()));
        if (contents.normalize()) {
            Files.createDirectory(dir.resolve(NORMALIZE_DIR));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("pooling", contents.pooling().name().toLowerCase(Locale.ROOT));
        settings.put("normalize", contents.normalize());
        settings.put("max_seq_length", contents.maxSeqLength());
        settings.put("architecture", contents.config().architecture().modelType());
        Manifest.of("sentence-transformer", settings, contents.provenance()).writeTo(dir);
    }

    private static ArrayNode modules(boolean normalize) {
        ArrayNode modules = Json.MAPPER.createArrayNode();
        addModule(modules, 0, "", ModelFolder.TRANSFORMER_TYPE);
        addModule(modules, 1, POOLING_DIR, ModelFolder.POOLING_TYPE);
        if (normalize) {
            addModule(modules, 2, NORMALIZE_DIR, ModelFolder.NORMALIZE_TYPE);
        }
        return modules;
    }

    private static void addModule(ArrayNode modules, int index, String path, String type) {
        ObjectNode module = modules.addObject();
        module.put("idx", index);
        module.put("name", Integer.toString(index));
        module.put("path", path);
        module.put("type", type);
    }

    private static ObjectNode sentenceTransformersConfig(ObjectNode source) {
        if (source != null) {
            return source;
        }
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.putObject("__version__").put("st4j", Versions.ST4J);
        config.putObject("prompts");
        config.putNull("default_prompt_name");
        config.put("similarity_fn_name", "cosine");
        return config;
    }

    /** The pooling config with every mode key sentence-transformers 3.x writes. */
    static ObjectNode poolingConfig(PoolingMode mode, int dimension) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("word_embedding_dimension", dimension);
        config.put("pooling_mode_cls_token", mode == PoolingMode.CLS);
        config.put("pooling_mode_mean_tokens", mode == PoolingMode.MEAN);
        config.put("pooling_mode_max_tokens", mode == PoolingMode.MAX);
        config.put("pooling_mode_mean_sqrt_len_tokens", false);
        config.put("pooling_mode_weightedmean_tokens", false);
        config.put("pooling_mode_lasttoken", false);
        config.put("include_prompt", true);
        return config;
    }
}
