package dev.st4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Pooling and optional L2 normalisation, as sentence-transformers' Pooling and Normalize
 * modules compute them. Constants are NDArrays owned by the model so backward can pass through.
 */
final class Pooler {

    private final PoolingMode mode;
    private final NDArray one;
    private final NDArray minTokenCount;
    private final NDArray paddingPenalty;
    private final NDArray minNorm;

    Pooler(PoolingMode mode, NDManager manager) {
        this.mode = mode;
        this.one = manager.create(1f);
        // sentence-transformers clamps the token count at 1e-9 and fills padding with -1e9 for
        // max pooling; torch.nn.functional.normalize divides by max(norm, 1e-12).
        this.minTokenCount = manager.create(1e-9f);
        this.paddingPenalty = manager.create(1e9f);
        this.minNorm = manager.create(1e-12f);
    }

    PoolingMode mode() {
        return mode;
    }

    /**
     * Pools token embeddings into sentence embeddings.
     *
     * @param hidden [batch, seq, hidden] token embeddings
     * @param attentionMask [batch, seq] 1 for tokens, 0 for padding
     * @return [batch, hidden]
     */
    NDArray pool(NDArray hidden, NDArray attentionMask) {
        if (mode == PoolingMode.CLS) {
            return hidden.get(":, 0, :");
        }
        // [batch, seq, 1] so it broadcasts over the hidden axis.
        NDArray mask = attentionMask.toType(DataType.FLOAT32, false).expandDims(2);
        if (mode == PoolingMode.MAX) {
            // Padding positions drop by 1e9, so they never win the maximum of a row with a token.
            return hidden.add(mask.sub(one).mul(paddingPenalty)).max(new int[] {1});
        }
        NDArray sum = hidden.mul(mask).sum(new int[] {1});
        NDArray count = mask.sum(new int[] {1}).maximum(minTokenCount);
        return sum.div(count);
    }

    /** [batch, dim] rows divided by their L2 norm (at least 1e-12, so zero rows stay zero). */
    NDArray normalize(NDArray embeddings) {
        return embeddings.div(embeddings.norm(new int[] {1}, true).maximum(minNorm));
    }
}
