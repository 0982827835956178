package dev.st4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.st4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module layout of a model folder: a sentence-transformers folder ({@code modules.json}
 * listing Transformer, Pooling and optionally Normalize) or a plain Hugging Face checkpoint,
 * which gets the pooling the caller names and no normalisation.
 *
 * @param transformerDir folder with config.json, tokenizer.json and the weights
 * @param poolingDimension the pooling config's word_embedding_dimension, or 0 when absent
 * @param maxSeqLength sentence_bert_config.json's max_seq_length, or 0 when absent
 * @param sentenceTransformersConfig config_sentence_transformers.json, or null when absent
 */
record ModelFolder(
        Path root,
        Path transformerDir,
        PoolingMode pooling,
        int poolingDimension,
        boolean normalize,
        int maxSeqLength,
        boolean doLowerCase,
        boolean plainCheckpoint,
        ObjectNode sentenceTransformersConfig) {

    private static final Logger LOG = LoggerFactory.getLogger(ModelFolder.class);

    static final String MODULES = "modules.json";
    static final String SENTENCE_BERT_CONFIG = "sentence_bert_config.json";
    static final String ST_CONFIG = "config_sentence_transformers.json";
    static final String POOLING_CONFIG = "config.json";
    static final String TRANSFORMER_TYPE = "sentence_transformers.models.Transformer";
    static final String POOLING_TYPE = "sentence_transformers.models.Pooling";
    static final String NORMALIZE_TYPE = "sentence_transformers.models.Normalize";

    /**
     * Reads the layout of {@code folder}.
     *
     * @param poolingForPlainCheckpoint pooling for a folder without modules.json
     * @throws ModelLoadException naming the file when the layout is broken or unsupported
     */
    static ModelFolder inspect(Path folder, PoolingMode poolingForPlainCheckpoint) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new ModelLoadException("Model folder " + folder + " does not exist or is not a"
                    + " folder");
        }
        Path modules = folder.resolve(MODULES);
        if (!Files.isRegularFile(modules)) {
            return plainCheckpoint(folder, poolingForPlainCheckpoint);
        }
        JsonNode list = Json.MAPPER.readTree(modules.toFile());
        if (!list.isArray() || list.isEmpty()) {
            throw new ModelLoadException(modules + ": expected a non-empty JSON array of modules");
        }
        Path transformer = null;
        PoolingMode pooling = null;
        int poolingDimension = 0;
        boolean normalize = false;
        Set<String> listed = new HashSet<>();
        for (JsonNode module : list) {
            String type = module.path("type").asText();
            String path = module.path("path").asText("");
            listed.add(path);
            Path dir = path.isEmpty() ? folder : folder.resolve(path);
            switch (type) {
                case TRANSFORMER_TYPE -> transformer = requireFolder(dir, modules, type);
                case POOLING_TYPE -> {
                    Path config = requireFolder(dir, modules, type).resolve(POOLING_CONFIG);
                    pooling = readPooling(config, modules);
                    poolingDimension = Json.MAPPER.readTree(config.toFile())
                            .path("word_embedding_dimension").asInt(0);
                }
                case NORMALIZE_TYPE -> {
                    normalize = true;
                    if (!Files.isDirectory(dir)) {
                        LOG.warn("{} lists a Normalize module at '{}', but that folder is missing;"
                                + " normalising anyway, as sentence-transformers does", modules, path);
                    }
                }
                default -> throw new ModelLoadException(modules + ": module '" + path + "' has type '"
                        + type + "', which st4j does not run; it supports Transformer, Pooling"
                        + " and Normalize");
            }
        }
        if (transformer == null) {
            throw new ModelLoadException(modules + " lists no " + TRANSFORMER_TYPE + " module");
        }
        if (pooling == null) {
            throw new ModelLoadException(modules + " lists no " + POOLING_TYPE + " module, so the"
                    + " model has no sentence embedding; add a 1_Pooling folder or load the folder"
                    + " as a plain checkpoint");
        }
        warnUnlistedModules(folder, listed, modules);
        Path stConfig = folder.resolve(ST_CONFIG);
        ObjectNode stJson = Files.isRegularFile(stConfig)
                ? (ObjectNode) Json.MAPPER.readTree(stConfig.toFile()) : null;
        Path bertConfig = transformer.resolve(SENTENCE_BERT_CONFIG);
        int maxSeqLength = 0;
        boolean lowerCase = false;
        if (Files.isRegularFile(bertConfig)) {
            JsonNode json = Json.MAPPER.readTree(bertConfig.toFile());
            maxSeqLength = json.path("max_seq_length").asInt(0);
            lowerCase = json.path("do_lower_case").asBoolean(false);
        } else {
            LOG.warn("{} is missing; the max sequence length comes from the tokenizer and"
                    + " position embeddings", bertConfig);
        }
        return new ModelFolder(folder, transformer, pooling, poolingDimension, normalize,
                maxSeqLength, lowerCase,
                false, stJson);
    }

    private static ModelFolder plainCheckpoint(Path folder, PoolingMode pooling) {
        PoolingMode mode = pooling == null ? PoolingMode.MEAN : pooling;
        if (!Files.isRegularFile(folder.resolve(EncoderConfig.FILE_NAME))) {
            throw new ModelLoadException(folder + " has neither " + MODULES + " (a"
                    + " sentence-transformers model) nor " + EncoderConfig.FILE_NAME
                    + " (a Hugging Face checkpoint); is it the right folder?");
        }
        LOG.info("{} has no {}: loading it as a plain Hugging Face encoder checkpoint with {}"
                + " pooling and no normalisation", folder, MODULES, mode.name().toLowerCase(Locale.ROOT));
        return new ModelFolder(folder, folder, mode, 0, false, 0, false, true, null);
    }

    private static Path requireFolder(Path dir, Path modules, String type) {
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException(modules + " lists a " + type + " module at " + dir
                    + ", but that folder is missing");
        }
        return dir;
    }

    private static PoolingMode readPooling(Path file, Path modules) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(modules + " lists a Pooling module at " + file.getParent()
                    + ", but " + file + " is missing");
        }
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        List<PoolingMode> chosen = new ArrayList<>();
        for (PoolingMode mode : PoolingMode.values()) {
            if (json.path(mode.configKey()).asBoolean(false)) {
                chosen.add(mode);
            }
        }
        for (String unsupported : List.of("pooling_mode_mean_sqrt_len_tokens",
                "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken")) {
            if (json.path(unsupported).asBoolean(false)) {
                throw new ModelLoadException(file + ": " + unsupported + " is not supported; st4j"
                        + " pools with mean, cls or max");
            }
        }
        if (chosen.size() != 1) {
            throw new ModelLoadException(file + ": expected exactly one of pooling_mode_mean_tokens,"
                    + " pooling_mode_cls_token, pooling_mode_max_tokens to be true, found " + chosen);
        }
        return chosen.get(0);
    }

    private static void warnUnlistedModules(Path folder, Set<String> listed, Path modules)
            throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            children.filter(Files::isDirectory)
                    .map(child -> child.getFileName().toString())
                    .filter(name -> name.matches("\\d+_.+") && !listed.contains(name))
                    .sorted()
                    .forEach(name -> LOG.warn("{} is not listed in {} and is ignored",
                            folder.resolve(name), modules));
        }
    }
}
