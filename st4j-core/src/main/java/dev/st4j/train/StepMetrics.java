package dev.st4j.train;

/**
 * Outcome of one optimiser step.
 *
 * @param step 1-based step number over the whole run
 * @param epoch 1-based epoch number
 * @param records records in the batch
 * @param tokens padded sequence length of the batch
 * @param loss the batch's mean loss
 * @param learningRate the rate this step applied
 * @param gradNorm global L2 norm of the gradients before clipping
 * @param seconds wall time of the step (tokenisation, forward, backward, update)
 */
public record StepMetrics(
        int step,
        int epoch,
        int records,
        int tokens,
        double loss,
        double learningRate,
        double gradNorm,
        double seconds) {}
