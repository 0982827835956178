package dev.st4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.Map;

/**
 * The BERT encoder stack on DJL NDArray operations: word, position and token-type embeddings,
 * then {@code num_hidden_layers} post-norm transformer layers. RoBERTa and XLM-RoBERTa share the
 * stack and differ only in their position ids (see {@link Architecture}).
 *
 * <p>Every operation starts from an array that lives in the caller's scope, because DJL's
 * PyTorch engine attaches a result to the manager of its first operand. Scalars such as the mask
 * fill value are NDArrays owned by the model's manager: DJL frees the temporary scalar of {@code
 * mul(Number)} right after the operation, which breaks a later {@code backward()} through it.
 */
final class BertEncoder {

    private final EncoderConfig config;
    private final Map<String, NDArray> parameters;
    private final Shape normShape;
    private final NDArray one;
    private final NDArray maskFill;
    private final NDArray sqrtHeadDim;
    private final NDArray half;
    private final NDArray tanhScale;
    private final NDArray cubicCoefficient;

    BertEncoder(EncoderConfig config, Map<String, NDArray> parameters, NDManager manager) {
        this.config = config;
        this.parameters = parameters;
        this.normShape = new Shape(config.hiddenSize());
        this.one = manager.create(1f);
        // (mask - 1) * FLT_MAX is 0 for tokens and -FLT_MAX for padding: the same additive mask
        // as transformers' torch.finfo(float32).min, without overflowing to -inf.
        this.maskFill = manager.create(Float.MAX_VALUE);
        this.sqrtHeadDim = manager.create((float) Math.sqrt(config.headDim()));
        this.half = manager.create(0.5f);
        this.tanhScale = manager.create((float) Math.sqrt(2 / Math.PI));
        this.cubicCoefficient = manager.create(0.044715f);
    }

    EncoderConfig config() {
        return config;
    }

    /**
     * Runs the encoder differentiably on a padded batch.
     *
     * @param scope manager that owns the output and every intermediate, which autograd needs
     *     until {@code backward()}
     * @param inputIds [batch, seq] int64
     * @param attentionMask [batch, seq] int64, 1 for tokens and 0 for padding
     * @param tokenTypeIds [batch, seq] int64
     * @param training whether dropout is active
     * @return [batch, seq, hidden] last hidden state
     */
    NDArray forward(NDManager scope, NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds,
            boolean training) {
        NDArray additiveMask = additiveMask(attentionMask);
        NDArray hidden = embeddings(inputIds, attentionMask, tokenTypeIds, training);
        for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
            String prefix = ParameterLayout.layer(layer);
            long batch = hidden.getShape().get(0);
            long seq = hidden.getShape().get(1);
            NDArray query = splitHeads(linear(hidden, prefix + "attention.self.query"), batch, seq);
            NDArray key = splitHeads(linear(hidden, prefix + "attention.self.key"), batch, seq);
            NDArray value = splitHeads(linear(hidden, prefix + "attention.self.value"), batch, seq);
            // [batch, heads, seq, seq]
            NDArray scores = query.matMul(key.transpose(0, 1, 3, 2)).div(sqrtHeadDim);
            hidden = finishLayer(hidden, scores.add(additiveMask), value, prefix, training);
        }
        return hidden;
    }

    /**
     * Runs the encoder for inference, freeing each layer's intermediates as soon as the layer
     * ends so memory stays flat. Call with autograd off; the output cannot be differentiated.
     *
     * @param fused per-call copies of the attention projections from {@link #fuseProjections}
     * @return [batch, seq, hidden] last hidden state, owned by {@code scope}
     */
    NDArray infer(NDManager scope, NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds,
            FusedProjections fused) {
        long batch = inputIds.getShape().get(0);
        long seq = inputIds.getShape().get(1);
        // A batch without padding (fixed-length input, or length-sorted texts of equal length)
        // needs no mask, which saves an add over every [batch, heads, seq, seq] score tensor.
        boolean padded = attentionMask.min().getLong() == 0;
        NDArray additiveMask = padded ? additiveMask(attentionMask) : null;
        NDArray hidden;
        try (NDManager embeddingScope = scope.newSubManager()) {
            embeddingScope.tempAttachAll(inputIds, attentionMask, tokenTypeIds);
            hidden = embeddings(inputIds, attentionMask, tokenTypeIds, false);
            hidden.attach(scope);
        }
        for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
            try (NDManager layerScope = scope.newSubManager()) {
                hidden.attach(layerScope);
                NDArray output = inferLayer(hidden, fused.weights()[layer], fused.biases()[layer],
                        additiveMask, ParameterLayout.layer(layer));
                output.attach(scope);
                hidden = output;
            }
        }
        return hidden;
    }

    /**
     * One transformer layer without autograd. It computes what {@link #finishLayer} does, but
     * closes each large intermediate as soon as the next step has consumed it and adds residuals
     * and the mask in place, so a layer holds about two [batch, heads, seq, seq] or [batch, seq,
     * intermediate] tensors at a time instead of all of them.
     *
     * @param additiveMask [batch, 1, 1, seq], or null when the batch has no padding
     */
    private NDArray inferLayer(NDArray x, NDArray qkvWeight, NDArray qkvBias, NDArray additiveMask,
            String prefix) {
        long batch = x.getShape().get(0);
        long seq = x.getShape().get(1);
        NDArray projected = x.getNDArrayInternal().linear(x, qkvWeight, qkvBias).singletonOrThrow();
        // [batch, seq, 3 * hidden] -> [3, batch, heads, seq, headDim]; the query carries the
        // 1/sqrt(headDim) scale already.
        NDArray qkv = projected.reshape(batch, seq, 3, config.numAttentionHeads(), config.headDim())
                .transpose(2, 0, 3, 1, 4);
        NDArray scores = qkv.get(0).matMul(qkv.get(1).transpose(0, 1, 3, 2));
        if (additiveMask != null) {
            scores.addi(additiveMask);
        }
        NDArray probabilities = scores.softmax(-1);
        scores.close();
        NDArray heads = probabilities.matMul(qkv.get(2));
        probabilities.close();
        projected.close();
        NDArray context = heads.transpose(0, 2, 1, 3).reshape(batch, seq, config.hiddenSize());
        heads.close();
        NDArray attention = linear(context, prefix + "attention.output.dense").addi(x);
        context.close();
        attention = layerNorm(attention, prefix + "attention.output.LayerNorm");
        NDArray intermediate = linear(attention, prefix + "intermediate.dense");
        NDArray activated = activate(intermediate);
        intermediate.close();
        NDArray output = linear(activated, prefix + "output.dense").addi(attention);
        activated.close();
        return layerNorm(output, prefix + "output.LayerNorm");
    }

    /**
     * Per-layer attention projections fused into one [3 * hidden, hidden] matrix, query rows
     * pre-divided by sqrt(headDim), so inference runs one GEMM instead of three and skips a
     * division over the score tensor.
     */
    record FusedProjections(NDArray[] weights, NDArray[] biases) {}

    /** Builds fused projections from the current parameters, owned by {@code scope}. */
    FusedProjections fuseProjections(NDManager scope) {
        int layers = config.numHiddenLayers();
        NDArray[] weights = new NDArray[layers];
        NDArray[] biases = new NDArray[layers];
        for (int layer = 0; layer < layers; layer++) {
            String prefix = ParameterLayout.layer(layer) + "attention.self.";
            NDArray[] parts = new NDArray[2];
            for (int i = 0; i < 2; i++) {
                String suffix = i == 0 ? ".weight" : ".bias";
                NDArray query = parameters.get(prefix + "query" + suffix).duplicate();
                query.attach(scope);
                NDList list = new NDList(query.div(sqrtHeadDim),
                        parameters.get(prefix + "key" + suffix),
                        parameters.get(prefix + "value" + suffix));
                parts[i] = NDArrays.concat(list, 0);
                parts[i].attach(scope);
            }
            weights[layer] = parts[0];
            biases[layer] = parts[1];
        }
        return new FusedProjections(weights, biases);
    }

    /** [batch, seq] int64 mask to [batch, 1, 1, seq]: 0 for tokens, -FLT_MAX for padding. */
    private NDArray additiveMask(NDArray attentionMask) {
        long batch = attentionMask.getShape().get(0);
        long seq = attentionMask.getShape().get(1);
        return attentionMask.toType(DataType.FLOAT32, false).sub(one).mul(maskFill)
                .reshape(batch, 1, 1, seq);
    }

    /** [batch, seq] ids to [batch, seq, hidden] normalised embeddings. */
    private NDArray embeddings(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds,
            boolean training) {
        NDArray words = lookup(inputIds, ParameterLayout.WORD_EMBEDDINGS);
        NDArray types = lookup(tokenTypeIds.toType(DataType.INT64, false),
                ParameterLayout.TOKEN_TYPE_EMBEDDINGS);
        NDArray positions = lookup(positionIds(inputIds, attentionMask),
                ParameterLayout.POSITION_EMBEDDINGS);
        NDArray sum = words.add(types).add(positions);
        return dropout(layerNorm(sum, ParameterLayout.EMBEDDINGS_NORM), config.hiddenDropoutProb(),
                training);
    }

    /** BERT: [seq] ids 0..seq-1. RoBERTa: [batch, seq] ids counting real tokens after padIdx. */
    private NDArray positionIds(NDArray inputIds, NDArray attentionMask) {
        long seq = inputIds.getShape().get(1);
        if (!config.architecture().offsetsPositions()) {
            return inputIds.getManager().arange(0f, (float) seq, 1f, DataType.INT64);
        }
        NDArray mask = attentionMask.toType(DataType.INT64, false);
        return mask.cumSum(1).mul(mask).add(config.padTokenId());
    }

    /**
     * Completes a transformer layer from its masked attention scores: softmax, context, output
     * projection, residual LayerNorm, feed-forward and the second residual LayerNorm.
     *
     * @param x [batch, seq, hidden] layer input
     * @param scores [batch, heads, seq, seq] scaled, masked attention scores
     * @param value [batch, heads, seq, headDim]
     */
    private NDArray finishLayer(NDArray x, NDArray scores, NDArray value, String prefix,
            boolean training) {
        long batch = x.getShape().get(0);
        long seq = x.getShape().get(1);
        NDArray probabilities =
                dropout(scores.softmax(-1), config.attentionProbsDropoutProb(), training);
        // [batch, heads, seq, headDim] -> [batch, seq, hidden]
        NDArray context = probabilities.matMul(value).transpose(0, 2, 1, 3)
                .reshape(batch, seq, config.hiddenSize());
        NDArray attended = dropout(linear(context, prefix + "attention.output.dense"),
                config.hiddenDropoutProb(), training);
        NDArray attention = layerNorm(attended.add(x), prefix + "attention.output.LayerNorm");
        NDArray inner = activate(linear(attention, prefix + "intermediate.dense"));
        NDArray output = dropout(linear(inner, prefix + "output.dense"), config.hiddenDropoutProb(),
                training);
        return layerNorm(output.add(attention), prefix + "output.LayerNorm");
    }

    /** [batch, seq, hidden] to [batch, heads, seq, headDim]. */
    private NDArray splitHeads(NDArray x, long batch, long seq) {
        return x.reshape(batch, seq, config.numAttentionHeads(), config.headDim())
                .transpose(0, 2, 1, 3);
    }

    private NDArray activate(NDArray x) {
        return switch (config.activation()) {
            case GELU -> x.getNDArrayInternal().gelu();
            case RELU -> x.getNDArrayInternal().relu();
            case SILU -> x.mul(x.getNDArrayInternal().sigmoid());
            case GELU_TANH -> {
                NDArray inner = x.mul(x).mul(x).mul(cubicCoefficient).add(x).mul(tanhScale);
                yield inner.tanh().add(one).mul(x).mul(half);
            }
        };
    }

    private NDArray lookup(NDArray ids, String table) {
        return ids.getNDArrayInternal()
                .embedding(ids, parameters.get(table), SparseFormat.DENSE)
                .singletonOrThrow();
    }

    private NDArray linear(NDArray x, String module) {
        return x.getNDArrayInternal()
                .linear(x, parameters.get(module + ".weight"), parameters.get(module + ".bias"))
                .singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, String module) {
        return x.getNDArrayInternal()
                .layerNorm(x, normShape, parameters.get(module + ".weight"),
                        parameters.get(module + ".bias"), (float) config.layerNormEps())
                .singletonOrThrow();
    }

    private NDArray dropout(NDArray x, double probability, boolean training) {
        if (!training || probability == 0) {
            return x;
        }
        return x.getNDArrayInternal().dropout(x, (float) probability, true).singletonOrThrow();
    }
}
