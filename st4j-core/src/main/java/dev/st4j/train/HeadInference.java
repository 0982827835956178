package dev.st4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.st4j.model.SentenceTransformer;
import dev.st4j.model.TokenBatch;

import java.util.List;

/** Batched scoring of texts by an encoder and a head, with autograd and dropout off. */
final class HeadInference {

    private HeadInference() {}

    /** Returns the logits {@code [texts, classes]} of {@code texts}, in input order. */
    static float[][] logits(
            SentenceTransformer model,
            ClassificationHead head,
            List<String> texts,
            int maxSeqLength,
            int batchSize) {
        int classes = head.config().classes();
        float[][] logits = new float[texts.size()][];
        for (int start = 0; start < texts.size(); start += batchSize) {
            List<String> chunk = texts.subList(start, Math.min(texts.size(), start + batchSize));
            try (NoGrad ignored = NoGrad.enter();
                    NDManager scope = model.manager().newSubManager()) {
                TokenBatch tokens = model.tokenize(chunk, maxSeqLength);
                NDArray embeddings = model.embed(scope, tokens, false);
                float[] flat = head.forward(embeddings, false).toFloatArray();
                for (int row = 0; row < chunk.size(); row++) {
                    float[] values = new float[classes];
                    System.arraycopy(flat, row * classes, values, 0, classes);
                    logits[start + row] = values;
                }
            }
        }
        return logits;
    }

    /** Returns the index of the largest logit, the lowest index on ties. */
    static int argmax(float[] logits) {
        int best = 0;
        for (int c = 1; c < logits.length; c++) {
            if (logits[c] > logits[best]) {
                best = c;
            }
        }
        return best;
    }
}
