package dev.st4j.model;

/**
 * Sentence embeddings in input order.
 *
 * @param embeddings [texts, dimension]
 * @param truncatedCount how many texts were longer than the maximum sequence length and were cut
 */
public record EncodeResult(float[][] embeddings, int truncatedCount) {}
