package dev.st4j.model;

/**
 * Token ids of a batch of texts, padded on the right to the longest row of the batch.
 *
 * @param inputIds [batch, seq] vocabulary ids, padded with the model's pad token id
 * @param attentionMask [batch, seq] 1 for real tokens, 0 for padding
 * @param tokenTypeIds [batch, seq] segment ids (all 0 for single texts)
 * @param truncatedCount how many texts of the batch lost tokens to the maximum sequence length
 */
public record TokenBatch(
        long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds, int truncatedCount) {

    /** Number of texts in the batch. */
    public int size() {
        return inputIds.length;
    }

    /** Padded sequence length, 0 for an empty batch. */
    public int sequenceLength() {
        return inputIds.length == 0 ? 0 : inputIds[0].length;
    }
}
