package dev.st4j.model;

/**
 * Settings of one {@link SentenceTransformer#encode} call.
 *
 * @param batchSize texts per forward pass, at least 1
 * @param maxSeqLength token limit per text, or 0 for the model's {@code max_seq_length}; it is
 *     capped at what the position embeddings allow
 * @param normalize whether to L2-normalise the output even when the model has no Normalize
 *     module (a model with one always normalises)
 * @param progress whether to show a console progress bar for long inputs
 */
public record EncodeOptions(int batchSize, int maxSeqLength, boolean normalize, boolean progress) {

    public static final int DEFAULT_BATCH_SIZE = 32;

    public EncodeOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Invalid batch size " + batchSize + ": must be at least 1");
        }
        if (maxSeqLength < 0) {
            throw new IllegalArgumentException("Invalid max sequence length " + maxSeqLength
                    + ": must be 0 (the model's) or positive");
        }
    }

    /** Batch size 32, the model's max sequence length, no extra normalisation, progress bar on. */
    public static EncodeOptions defaults() {
        return new EncodeOptions(DEFAULT_BATCH_SIZE, 0, false, true);
    }

    public EncodeOptions withBatchSize(int value) {
        return new EncodeOptions(value, maxSeqLength, normalize, progress);
    }

    public EncodeOptions withMaxSeqLength(int value) {
        return new EncodeOptions(batchSize, value, normalize, progress);
    }

    public EncodeOptions withNormalize(boolean value) {
        return new EncodeOptions(batchSize, maxSeqLength, value, progress);
    }

    public EncodeOptions withProgress(boolean value) {
        return new EncodeOptions(batchSize, maxSeqLength, normalize, value);
    }
}
