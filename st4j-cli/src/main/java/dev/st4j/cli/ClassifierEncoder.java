package dev.st4j.cli;

import dev.st4j.classify.BatchPredictor;
import dev.st4j.classify.EncoderReference;
import java.io.IOException;
import java.util.List;

/**
 * The encoder a classifier was trained on, opened for prediction with the settings recorded in
 * the classifier's manifest (max sequence length, normalisation), as a
 * {@link BatchPredictor.Embedder} that counts truncated texts.
 */
final class ClassifierEncoder implements BatchPredictor.Embedder, AutoCloseable {

    private ClassifierEncoder() {}

    /**
     * Resolves {@code locator} (a folder or a model name) and loads the encoder.
     *
     * @param reference the manifest's record of the encoder and how it was called
     */
    static ClassifierEncoder open(String locator, EncoderReference reference, int batchSize) {
        // TODO: load through the model package's resolver once it is merged into this branch.
        throw new UnsupportedOperationException("Loading the encoder '" + locator
                + "' is not wired yet in this build");
    }

    String weightsSha256() {
        throw new UnsupportedOperationException();
    }

    String source() {
        throw new UnsupportedOperationException();
    }

    int truncatedCount() {
        throw new UnsupportedOperationException();
    }

    int maxSeqLength() {
        throw new UnsupportedOperationException();
    }

    @Override
    public float[][] embed(List<String> texts) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
}
