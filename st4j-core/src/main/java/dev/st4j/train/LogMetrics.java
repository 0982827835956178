package dev.st4j.train;

/**
 * Averages over the steps since the previous log entry, as written to {@code metrics.jsonl}.
 *
 * @param step 1-based step number of the newest step covered
 * @param epoch 1-based epoch number
 * @param loss mean of the step losses covered
 * @param learningRate the rate of the newest step
 * @param gradNorm mean pre-clipping global gradient norm of the steps covered
 * @param samplesPerSecond records trained per second of step time over the steps covered
 */
public record LogMetrics(
        int step,
        int epoch,
        double loss,
        double learningRate,
        double gradNorm,
        double samplesPerSecond) {}
