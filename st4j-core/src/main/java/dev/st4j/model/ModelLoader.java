package dev.st4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.st4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and checks a model folder, then builds a {@link SentenceTransformer} from it. */
final class ModelLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    /** tokenizer_config.json uses a huge model_max_length to mean "no limit". */
    private static final int UNSET_MODEL_MAX_LENGTH = 1_000_000;

    private ModelLoader() {}

    static SentenceTransformer load(Path folder, PoolingMode poolingForPlainCheckpoint)
            throws IOException {
        ModelFolder layout = ModelFolder.inspect(folder, poolingForPlainCheckpoint);
        if (!layout.plainCheckpoint() && poolingForPlainCheckpoint != null
                && poolingForPlainCheckpoint != layout.pooling()) {
            LOG.warn("Ignoring the requested {} pooling: {} has a Pooling module that uses {}",
                    name(poolingForPlainCheckpoint), folder, name(layout.pooling()));
        }
        Path dir = layout.transformerDir();
        EncoderConfig config = EncoderConfig.read(dir.resolve(EncoderConfig.FILE_NAME));
        if (layout.poolingDimension() != 0 && layout.poolingDimension() != config.hiddenSize()) {
            throw new ModelLoadException(folder + ": the Pooling config's word_embedding_dimension "
                    + layout.poolingDimension() + " differs from config.json's hidden_size "
                    + config.hiddenSize());
        }
        CheckpointReader.Weights weights = CheckpointReader.check(
                CheckpointReader.readTensors(dir), config, dir.resolve(CheckpointReader.WEIGHTS));
        TextTokenizer tokenizer = new TextTokenizer(dir.resolve("tokenizer.json"),
                config.padTokenId(), layout.doLowerCase());
        NDManager manager = null;
        try {
            if (tokenizer.maxTokenId() >= config.vocabSize()) {
                throw new ModelLoadException(dir.resolve("tokenizer.json") + " produces token id "
                        + tokenizer.maxTokenId() + ", but the word embeddings have only "
                        + config.vocabSize() + " rows: the tokenizer belongs to another model");
            }
            int maxSeqLength = maxSeqLength(layout, config, dir);
            Map<String, byte[]> tokenizerFiles = new LinkedHashMap<>();
            for (String name : SentenceTransformer.TOKENIZER_FILES) {
                Path file = dir.resolve(name);
                if (Files.isRegularFile(file)) {
                    tokenizerFiles.put(name, Files.readAllBytes(file));
                }
            }
            manager = NDManager.newBaseManager();
            Map<String, NDArray> parameters = SentenceTransformer.toArrays(manager, weights.parameters());
            Map<String, NDArray> extras = SentenceTransformer.toArrays(manager, weights.extras());
            LOG.info("Loaded {} ({} layers, dimension {}, {} pooling{}, max {} tokens) on {}",
                    folder, config.numHiddenLayers(), config.hiddenSize(), name(layout.pooling()),
                    layout.normalize() ? ", normalised" : "", maxSeqLength, manager.getDevice());
            return SentenceTransformer.assemble(manager, config, layout, maxSeqLength, tokenizer,
                    parameters, extras, tokenizerFiles);
        } catch (RuntimeException | IOException e) {
            tokenizer.close();
            if (manager != null) {
                manager.close();
            }
            throw e;
        }
    }

    /**
     * Picks the default token limit: sentence_bert_config.json's value, else the tokenizer's
     * model_max_length, capped at what the position embeddings allow.
     */
    private static int maxSeqLength(ModelFolder layout, EncoderConfig config, Path dir)
            throws IOException {
        int limit = config.maxSequenceLimit();
        int configured = layout.maxSeqLength();
        if (configured <= 0) {
            Path tokenizerConfig = dir.resolve("tokenizer_config.json");
            if (Files.isRegularFile(tokenizerConfig)) {
                JsonNode json = Json.MAPPER.readTree(tokenizerConfig.toFile());
                long value = json.path("model_max_length").asLong(0);
                configured = value > 0 && value < UNSET_MODEL_MAX_LENGTH ? (int) value : 0;
            }
        }
        if (configured <= 0) {
            return limit;
        }
        if (configured > limit) {
            LOG.warn("{}: max_seq_length {} exceeds the {} positions config.json allows; using {}",
                    layout.root(), configured, limit, limit);
            return limit;
        }
        return configured;
    }

    private static String name(PoolingMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
