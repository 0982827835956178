package dev.st4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

import dev.st4j.model.SentenceTransformer;
import dev.st4j.model.TokenBatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One optimiser step: tokenise, forward with dropout, cross-entropy, backward, global-norm clip,
 * AdamW update, gradients zeroed. All intermediates live in a per-step manager that closes before
 * the method returns, and every gradient handle is closed after the update.
 */
final class TrainingStep {

    /**
     * Loss, gradient norm and padded length of a finished step.
     *
     * @param updateSeconds wall time of clipping and the AdamW update, for profiling
     */
    record Outcome(double loss, double gradNorm, int tokens, double updateSeconds) {}

    private final SentenceTransformer model;
    private final ClassificationHead head;
    private final Map<String, NDArray> parameters;
    private final CrossEntropyLoss loss;
    private final AdamW optimizer;
    private final int maxSeqLength;
    private final double maxGradNorm;

    TrainingStep(
            SentenceTransformer model,
            ClassificationHead head,
            Map<String, NDArray> parameters,
            CrossEntropyLoss loss,
            AdamW optimizer,
            int maxSeqLength,
            double maxGradNorm) {
        this.model = model;
        this.head = head;
        this.parameters = parameters;
        this.loss = loss;
        this.optimizer = optimizer;
        this.maxSeqLength = maxSeqLength;
        this.maxGradNorm = maxGradNorm;
    }

    /**
     * Trains on one batch.
     *
     * @param step 1-based run step, for error messages
     * @throws NonFiniteLossException if the loss or the gradient norm is NaN or infinite; the
     *     parameters are then left as they were before the step
     */
    Outcome run(List<String> texts, int[] labels, double learningRate, int step, int epoch) {
        try {
            float lossValue;
            int tokenCount;
            // The scope closes before the update, so the forward intermediates are freed before
            // the optimiser allocates its temporaries.
            try (NDManager scope = model.manager().newSubManager()) {
                TokenBatch tokens = model.tokenize(texts, maxSeqLength);
                tokenCount = tokens.inputIds().length == 0 ? 0 : tokens.inputIds()[0].length;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray embeddings = model.embed(scope, tokens, true);
                    NDArray logits = head.forward(embeddings, true);
                    NDArray batchLoss = loss.compute(logits, labels);
                    lossValue = batchLoss.getFloat();
                    if (!Float.isFinite(lossValue)) {
                        throw new NonFiniteLossException(
                                "Loss is "
                                        + lossValue
                                        + " at step "
                                        + step
                                        + " (epoch "
                                        + epoch
                                        + "), so training stopped before updating any"
                                        + " weight. Lower the learning rate (now "
                                        + learningRate
                                        + ") or check"
                                        + " the batch's texts for empty or broken input",
                                step,
                                epoch);
                    }
                    collector.backward(batchLoss);
                }
            }
            long updateStart = System.nanoTime();
            double norm = update(learningRate, step, epoch);
            return new Outcome(
                    lossValue, norm, tokenCount, (System.nanoTime() - updateStart) / 1e9);
        } finally {
            zeroGradients();
        }
    }

    private double update(double learningRate, int step, int epoch) {
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
                gradients.put(entry.getKey(), entry.getValue().getGradient());
            }
            double norm = GradientClipping.globalNorm(gradients.values());
            if (!Double.isFinite(norm)) {
                throw new NonFiniteLossException(
                        "Gradient norm is "
                                + norm
                                + " at step "
                                + step
                                + " (epoch "
                                + epoch
                                + "), so training stopped before updating any weight."
                                + " Lower the learning rate (now "
                                + learningRate
                                + ")",
                        step,
                        epoch);
            }
            optimizer.update(
                    parameters,
                    gradients,
                    learningRate,
                    GradientClipping.clipFactor(norm, maxGradNorm));
            return norm;
        } finally {
            gradients.values().forEach(NDArray::close);
        }
    }

    /**
     * Zeroes the accumulated gradients in place. PyTorch adds each backward pass onto the existing
     * {@code .grad}, and DJL's collector does not reset it between steps.
     */
    void zeroGradients() {
        for (NDArray parameter : parameters.values()) {
            JniUtils.zeroGrad((PtNDArray) parameter);
        }
    }
}
