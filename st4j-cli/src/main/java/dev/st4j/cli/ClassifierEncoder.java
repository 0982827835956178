package dev.st4j.cli;

import dev.st4j.classify.BatchPredictor;
import dev.st4j.classify.EncoderReference;
import dev.st4j.model.EncodeOptions;
import dev.st4j.model.EncodeResult;
import dev.st4j.model.ModelResolver;
import dev.st4j.model.SentenceTransformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoder a classifier was trained on, opened for prediction with the settings recorded in
 * the classifier's manifest (max sequence length, normalisation), as a
 * {@link BatchPredictor.Embedder} that counts truncated texts.
 */
final class ClassifierEncoder implements BatchPredictor.Embedder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierEncoder.class);

    private final SentenceTransformer model;
    private final Path source;
    private final EncodeOptions options;
    private int truncated;

    private ClassifierEncoder(SentenceTransformer model, Path source, EncodeOptions options) {
        this.model = model;
        this.source = source;
        this.options = options;
    }

    /**
     * Loads the encoder from {@code override} when given, else from the manifest's path when that
     * folder exists, else by the manifest's model name.
     *
     * @param reference the manifest's record of the encoder and how it was called
     * @param classifierFolder the classifier's folder, which a relative encoder path starts from
     */
    static ClassifierEncoder open(String override, EncoderReference reference,
            Path classifierFolder, int batchSize) throws IOException {
        String locator = override;
        if (locator == null) {
            Path recorded = reference.folder(classifierFolder);
            boolean pathExists = recorded != null && Files.isDirectory(recorded);
            if (pathExists || reference.name() == null) {
                locator = recorded == null ? null : recorded.toString();
            } else {
                locator = reference.name();
            }
            if (!pathExists && recorded != null && reference.name() != null) {
                LOG.warn("The classifier's encoder folder {} does not exist; resolving the"
                        + " encoder by its name '{}' instead", recorded, reference.name());
            }
        }
        Path folder = ModelResolver.resolve(locator);
        EncodeOptions options = EncodeOptions.defaults()
                .withBatchSize(batchSize)
                .withMaxSeqLength(reference.maxSeqLength())
                .withNormalize(reference.normalize());
        return new ClassifierEncoder(SentenceTransformer.load(folder), folder, options);
    }

    String weightsSha256() {
        return model.weightsSha256();
    }

    String source() {
        return source.toString();
    }

    /** Returns how many of the texts embedded so far were cut at the token limit. */
    int truncatedCount() {
        return truncated;
    }

    /** Returns the token limit texts are cut at. */
    int maxSeqLength() {
        return options.maxSeqLength() == 0 ? model.maxSeqLength() : options.maxSeqLength();
    }

    @Override
    public float[][] embed(List<String> texts) {
        EncodeResult result = model.encode(texts, options);
        truncated += result.truncatedCount();
        return result.embeddings();
    }

    @Override
    public void close() {
        model.close();
    }
}
