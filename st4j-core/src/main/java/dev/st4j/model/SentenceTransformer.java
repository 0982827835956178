package dev.st4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.st4j.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sentence-transformers model: a BERT-family encoder, pooling and optional normalisation, with
 * its tokenizer. Loads and saves the sentence-transformers folder layout, encodes texts in
 * batches for inference and exposes a differentiable {@link #embed} for fine-tuning.
 *
 * <p>Parameters live in {@link #manager()} on DJL's default device (a GPU when DJL finds one).
 * Use an instance from one thread at a time.
 */
public final class SentenceTransformer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SentenceTransformer.class);

    /** Inputs with at least this many texts show a progress bar when the options ask for one. */
    static final int PROGRESS_MIN_TEXTS = 1000;

    /** Tokenizer files copied on save when the source folder has them. */
    static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "vocab.txt", "vocab.json", "merges.txt",
            "sentencepiece.bpe.model", "added_tokens.json");

    private final NDManager manager;
    private final EncoderConfig config;
    private final BertEncoder encoder;
    private final Pooler pooler;
    private final boolean normalize;
    private final boolean doLowerCase;
    private int maxSeqLength;
    private final TextTokenizer tokenizer;
    private final Map<String, NDArray> parameters;
    private final Map<String, NDArray> extras;
    private final Path sourceFolder;
    private final Map<String, byte[]> tokenizerFiles;
    private final ObjectNode sentenceTransformersConfig;

    private SentenceTransformer(NDManager manager, EncoderConfig config, PoolingMode pooling,
            boolean normalize, boolean doLowerCase, int maxSeqLength, TextTokenizer tokenizer,
            Map<String, NDArray> parameters, Map<String, NDArray> extras, Path sourceFolder,
            Map<String, byte[]> tokenizerFiles, ObjectNode sentenceTransformersConfig) {
        this.manager = manager;
        this.config = config;
        this.encoder = new BertEncoder(config, parameters, manager);
        this.pooler = new Pooler(pooling, manager);
        this.normalize = normalize;
        this.doLowerCase = doLowerCase;
        this.maxSeqLength = maxSeqLength;
        this.tokenizer = tokenizer;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.extras = Collections.unmodifiableMap(extras);
        this.sourceFolder = sourceFolder;
        this.tokenizerFiles = tokenizerFiles;
        this.sentenceTransformersConfig = sentenceTransformersConfig;
    }

    /**
     * Loads a sentence-transformers folder, or a plain Hugging Face checkpoint with mean pooling.
     *
     * @throws ModelLoadException naming the file when the folder is incomplete or inconsistent
     * @throws UncheckedIOException when a file cannot be read
     */
    public static SentenceTransformer load(Path folder) {
        return load(folder, null);
    }

    /**
     * Loads a model folder.
     *
     * @param poolingForPlainCheckpoint pooling for a folder without modules.json (null: mean);
     *     a sentence-transformers folder keeps its own pooling
     */
    public static SentenceTransformer load(Path folder, PoolingMode poolingForPlainCheckpoint) {
        try {
            return ModelLoader.load(folder, poolingForPlainCheckpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read model folder " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    /** Assembles a model from checked parts; the loader owns validation. */
    static SentenceTransformer assemble(NDManager manager, EncoderConfig config, ModelFolder layout,
            int maxSeqLength, TextTokenizer tokenizer, Map<String, NDArray> parameters,
            Map<String, NDArray> extras, Map<String, byte[]> tokenizerFiles) {
        return new SentenceTransformer(manager, config, layout.pooling(), layout.normalize(),
                layout.doLowerCase(), maxSeqLength, tokenizer, parameters, extras, layout.root(),
                tokenizerFiles, layout.sentenceTransformersConfig());
    }

    /** Sentence embedding size. */
    public int dimension() {
        return config.hiddenSize();
    }

    /** Default token limit per text (sentence_bert_config.json's max_seq_length). */
    public int maxSeqLength() {
        return maxSeqLength;
    }

    /**
     * Sets the default token limit, which {@link #save} writes to sentence_bert_config.json.
     *
     * @throws IllegalArgumentException when {@code value} is not in [2, {@link #maxSequenceLimit()}]
     */
    public void setMaxSeqLength(int value) {
        if (value < 2 || value > config.maxSequenceLimit()) {
            throw new IllegalArgumentException("Invalid max sequence length " + value
                    + ": must be in [2, " + config.maxSequenceLimit() + "], the position embeddings'"
                    + " limit");
        }
        maxSeqLength = value;
    }

    /** Longest sequence the position embeddings allow. */
    public int maxSequenceLimit() {
        return config.maxSequenceLimit();
    }

    /** The folder this model was loaded from. */
    public Path sourceFolder() {
        return sourceFolder;
    }

    public EncoderConfig config() {
        return config;
    }

    public PoolingMode poolingMode() {
        return pooler.mode();
    }

    /** Whether the model ends with a Normalize module (unit-length embeddings). */
    public boolean normalizes() {
        return normalize;
    }

    /** HF-named parameters in forward order; the trainer updates them in place. */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** Manager that owns the parameters and the model's constants. */
    public NDManager manager() {
        return manager;
    }

    /**
     * Tokenizes texts, cut to {@code maxSeqLength} tokens (0: the model's default) and padded to
     * the longest text of the list.
     */
    public TokenBatch tokenize(List<String> texts, int maxSeqLength) {
        return tokenizer.pad(tokenizer.encode(texts, effectiveMaxSeqLength(maxSeqLength)));
    }

    /**
     * Encodes texts for inference. Texts are sorted by token count so each batch pads little;
     * results come back in input order. Autograd is off on the calling thread meanwhile, and each
     * layer's intermediates are freed as soon as the layer ends.
     */
    public EncodeResult encode(List<String> texts, EncodeOptions options) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(options, "options");
        int limit = effectiveMaxSeqLength(options.maxSeqLength());
        List<TextTokenizer.Encoded> rows = tokenizer.encode(texts, limit);
        int[] order = IntStream.range(0, rows.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> rows.get(i).length()).reversed())
                .mapToInt(Integer::intValue)
                .toArray();
        boolean unitLength = normalize || options.normalize();
        float[][] embeddings = new float[rows.size()][];
        int truncated = 0;
        long started = System.nanoTime();
        try (GradMode ignored = GradMode.disabled();
                NDManager callScope = manager.newSubManager();
                ProgressBar bar = progressBar(rows.size(), options.progress())) {
            BertEncoder.FusedProjections fused = encoder.fuseProjections(callScope);
            for (int start = 0; start < order.length; start += options.batchSize()) {
                int end = Math.min(order.length, start + options.batchSize());
                List<TextTokenizer.Encoded> batchRows = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    batchRows.add(rows.get(order[i]));
                }
                TokenBatch batch = tokenizer.pad(batchRows);
                truncated += batch.truncatedCount();
                float[][] vectors = inferBatch(batch, fused, unitLength);
                for (int i = start; i < end; i++) {
                    embeddings[order[i]] = vectors[i - start];
                }
                if (bar != null) {
                    bar.stepBy(end - start);
                }
            }
        }
        LOG.debug("Encoded {} texts in {} ms, {} truncated to {} tokens", rows.size(),
                (System.nanoTime() - started) / 1_000_000, truncated, limit);
        return new EncodeResult(embeddings, truncated);
    }

    private static ProgressBar progressBar(int texts, boolean wanted) {
        if (!wanted || texts < PROGRESS_MIN_TEXTS) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("Encoding").setInitialMax(texts)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" texts", 1).build();
    }

    private float[][] inferBatch(TokenBatch batch, BertEncoder.FusedProjections fused,
            boolean unitLength) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray mask = scope.create(batch.attentionMask());
            NDArray hidden = encoder.infer(scope, scope.create(batch.inputIds()), mask,
                    scope.create(batch.tokenTypeIds()), fused);
            NDArray pooled = pooler.pool(hidden, mask);
            if (unitLength) {
                pooled = pooler.normalize(pooled);
            }
            float[] flat = pooled.toFloatArray();
            float[][] rows = new float[batch.size()][];
            int dim = config.hiddenSize();
            for (int r = 0; r < rows.length; r++) {
                rows[r] = java.util.Arrays.copyOfRange(flat, r * dim, (r + 1) * dim);
            }
            return rows;
        }
    }

    /**
     * Runs the model differentiably for fine-tuning.
     *
     * @param scope manager that receives the inputs and every intermediate; keep it open until
     *     backward has run
     * @param training whether dropout is active
     * @return [batch, dimension] sentence embeddings, normalised when the model has a Normalize
     *     module
     */
    public NDArray embed(NDManager scope, TokenBatch batch, boolean training) {
        NDArray mask = scope.create(batch.attentionMask());
        NDArray hidden = encoder.forward(scope, scope.create(batch.inputIds()), mask,
                scope.create(batch.tokenTypeIds()), training);
        NDArray pooled = pooler.pool(hidden, mask);
        return normalize ? pooler.normalize(pooled) : pooled;
    }

    /**
     * Writes this model as a sentence-transformers folder, through a temporary sibling that is
     * renamed into place.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code folder} exists and {@code
     *     overwrite} is false
     */
    public void save(Path folder, boolean overwrite) throws IOException {
        AtomicFiles.writeDirectory(folder, overwrite, temporary -> ModelWriter.write(temporary,
                new ModelWriter.Contents(config, pooler.mode(), normalize, doLowerCase, maxSeqLength,
                        tensorsForSave(), tokenizerFiles, sentenceTransformersConfig,
                        Map.of("source", sourceFolder.toString()))));
        LOG.info("Saved model to {}", folder);
    }

    /**
     * Returns the SHA-256 of the model.safetensors that {@link #save} would write now, so it
     * equals {@code sha256sum model.safetensors} of a saved folder.
     */
    public String weightsSha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                Safetensors.write(out, tensorsForSave());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Map<String, Safetensors.Tensor> tensorsForSave() {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (Map<String, NDArray> source : List.of(parameters, extras)) {
            source.forEach((name, array) -> tensors.put(name,
                    Safetensors.Tensor.of(array.getShape().getShape(), array.toFloatArray())));
        }
        return tensors;
    }

    /**
     * Creates float32 parameters in {@code manager} from checked tensors. A direct little-endian
     * buffer becomes the tensor's storage without a copy (DJL keeps it referenced), so the
     * caller must not reuse the tensors afterwards.
     */
    static Map<String, NDArray> toArrays(NDManager manager, Map<String, Safetensors.Tensor> tensors) {
        boolean littleEndian = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> {
            Shape shape = new Shape(tensor.shape());
            NDArray array = tensor.data().isDirect() && littleEndian
                    ? manager.create(tensor.data(), shape, ai.djl.ndarray.types.DataType.FLOAT32)
                    : manager.create(tensor.toFloatArray(), shape);
            array.setName(name);
            arrays.put(name, array);
        });
        return arrays;
    }

    @Override
    public void close() {
        tokenizer.close();
        manager.close();
    }

    private int effectiveMaxSeqLength(int requested) {
        int limit = config.maxSequenceLimit();
        if (requested <= 0) {
            return Math.min(maxSeqLength, limit);
        }
        if (requested > limit) {
            LOG.warn("Max sequence length {} exceeds what the position embeddings allow; using {}",
                    requested, limit);
            return limit;
        }
        return requested;
    }
}
