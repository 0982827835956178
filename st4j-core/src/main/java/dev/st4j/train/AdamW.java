package dev.st4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", 2019) with the update
 * order of PyTorch's {@code torch.optim.AdamW}: first {@code p *= 1 - lr * weightDecay}, then
 * {@code p -= lr * m_hat / (sqrt(v_hat) + eps)} with bias-corrected moments. Biases and LayerNorm
 * weights are not decayed (see {@link #decays}).
 *
 * <p>The moments live in a manager this optimiser owns, on each parameter's device. Parameters are
 * updated in place with autograd off, so the model's arrays keep their identity. Scalars (learning
 * rate, bias corrections, clip factor) are computed in Java doubles and applied as in-place
 * multiplications. No scalar array takes part in an autograd graph.
 */
public final class AdamW implements AutoCloseable {

    /** First and second moment of one parameter, same shape and device as the parameter. */
    record Moments(NDArray first, NDArray second) {}

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final NDManager stateManager;
    private final Map<String, Moments> moments = new LinkedHashMap<>();
    private final Map<String, Double> learningRateFactors = new LinkedHashMap<>();
    private int step;

    /**
     * Creates an optimiser whose state is kept in a new sub-manager of {@code parent}.
     *
     * @param weightDecay decoupled decay rate, multiplied by the learning rate at every step
     */
    public AdamW(NDManager parent, double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.stateManager = parent.newSubManager();
    }

    /**
     * Returns whether weight decay applies to the named parameter. As in the usual BERT recipe,
     * biases and LayerNorm weights are not decayed: decaying them pulls normalisation gains towards
     * 0, which harms the model rather than regularising it.
     */
    public static boolean decays(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !(lower.endsWith("bias")
                || lower.contains("layernorm")
                || lower.contains("layer_norm"));
    }

    /**
     * Scales the learning rate of the named parameter by {@code factor} at every update, e.g. to
     * train a freshly initialised head faster than a pretrained encoder.
     */
    public void setLearningRateFactor(String name, double factor) {
        learningRateFactors.put(name, factor);
    }

    /** Returns the number of updates applied so far (the {@code t} of the bias corrections). */
    public int step() {
        return step;
    }

    /**
     * Applies one AdamW update to every parameter in place.
     *
     * @param parameters name to parameter; names key the optimiser state, so they must stay the
     *     same from step to step
     * @param gradients name to gradient of the same shape, for every name in {@code parameters}
     * @param learningRate the learning rate of this step
     * @param gradientScale factor applied to every gradient first, e.g. the global-norm clip
     *     factor, so clipping needs no separate pass over the gradients
     */
    public void update(
            Map<String, NDArray> parameters,
            Map<String, NDArray> gradients,
            double learningRate,
            double gradientScale) {
        step++;
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        // sqrt(v / c2) + eps == (sqrt(v) + eps * sqrt(c2)) / sqrt(c2), so the second correction
        // moves into the step size and the epsilon, saving one pass over each tensor.
        double rootCorrection2 = Math.sqrt(correction2);
        float scaledEpsilon = (float) (epsilon * rootCorrection2);
        float firstGain = (float) ((1 - beta1) * gradientScale);
        float secondGain = (float) ((1 - beta2) * gradientScale * gradientScale);
        try (NoGrad ignored = NoGrad.enter()) {
            for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
                String name = entry.getKey();
                NDArray parameter = entry.getValue();
                double rate = learningRate * learningRateFactors.getOrDefault(name, 1.0);
                float stepSize = (float) (rate / correction1 * rootCorrection2);
                float decayFactor = (float) (1 - rate * weightDecay);
                NDArray gradient = gradients.get(name);
                if (gradient == null) {
                    throw new IllegalArgumentException("No gradient for parameter '" + name + "'");
                }
                Moments state = moments.computeIfAbsent(name, n -> zeroMoments(parameter));
                if (weightDecay > 0 && decays(name)) {
                    parameter.muli(decayFactor);
                }
                try (NDArray scaled = gradient.mul(firstGain)) {
                    state.first.muli((float) beta1).addi(scaled);
                }
                try (NDArray squared = gradient.square()) {
                    state.second.muli((float) beta2).addi(squared.muli(secondGain));
                }
                try (NDArray denominator = state.second.sqrt()) {
                    denominator.addi(scaledEpsilon);
                    try (NDArray direction = state.first.div(denominator)) {
                        parameter.subi(direction.muli(stepSize));
                    }
                }
            }
        }
    }

    /**
     * Returns the optimiser state as named tensors ({@code m.NAME}, {@code v.NAME}) for a
     * checkpoint. The arrays stay owned by this optimiser.
     */
    public Map<String, NDArray> stateTensors() {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        moments.forEach(
                (name, state) -> {
                    tensors.put("m." + name, state.first);
                    tensors.put("v." + name, state.second);
                });
        return tensors;
    }

    /**
     * Replaces the optimiser state with a copy of {@code tensors} (as written by {@link
     * #stateTensors}) and sets the update count to {@code step}.
     */
    public void loadState(Map<String, NDArray> tensors, int step) {
        moments.values()
                .forEach(
                        state -> {
                            state.first.close();
                            state.second.close();
                        });
        moments.clear();
        for (Map.Entry<String, NDArray> entry : tensors.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith("m.")) {
                continue;
            }
            String name = key.substring(2);
            NDArray second = tensors.get("v." + name);
            if (second == null) {
                throw new IllegalArgumentException(
                        "Optimizer state has m."
                                + name
                                + " but no v."
                                + name
                                + "; the checkpoint is incomplete");
            }
            moments.put(name, new Moments(copy(entry.getValue()), copy(second)));
        }
        this.step = step;
    }

    private NDArray copy(NDArray source) {
        NDArray target =
                stateManager.zeros(source.getShape(), source.getDataType(), source.getDevice());
        source.copyTo(target);
        return target;
    }

    private Moments zeroMoments(NDArray parameter) {
        return new Moments(
                stateManager.zeros(
                        parameter.getShape(), parameter.getDataType(), parameter.getDevice()),
                stateManager.zeros(
                        parameter.getShape(), parameter.getDataType(), parameter.getDevice()));
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
