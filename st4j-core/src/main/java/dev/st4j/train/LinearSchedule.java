package dev.st4j.train;

/**
 * Linear learning-rate schedule with warm-up: the rate rises from 0 to {@code peak} over {@code
 * warmupSteps}, then falls linearly to 0 at {@code totalSteps}. Step {@code k} (0-based) uses
 * {@code peak * k / warmupSteps} during warm-up and {@code peak * (total - k) / (total - warmup)}
 * after it, the formula of Hugging Face's {@code get_linear_schedule_with_warmup}, so the first
 * step of a warmed-up run has rate 0 and the last step of any run is above 0.
 *
 * <p>The rate is a pure function of the step, so resuming needs only the step count.
 *
 * @param peak the rate at the end of warm-up
 */
public record LinearSchedule(double peak, int warmupSteps, int totalSteps) {

    public LinearSchedule {
        if (totalSteps < 1) {
            throw new IllegalArgumentException(
                    "totalSteps is " + totalSteps + " but must be at least 1");
        }
        if (warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException(
                    "warmupSteps is "
                            + warmupSteps
                            + " but must be in 0.."
                            + totalSteps
                            + " (the run's total steps); lower --warmup");
        }
    }

    /** Returns the learning rate of optimiser step {@code step} (0-based). */
    public double learningRate(int step) {
        if (step < warmupSteps) {
            return peak * step / warmupSteps;
        }
        double remaining = Math.max(0, totalSteps - step);
        return peak * remaining / Math.max(1, totalSteps - warmupSteps);
    }
}
