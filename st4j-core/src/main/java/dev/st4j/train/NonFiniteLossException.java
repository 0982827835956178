package dev.st4j.train;

/**
 * Raised when a training step produces a NaN or infinite loss or gradient norm. Training stops at
 * once: an update with such values would corrupt every weight.
 */
public final class NonFiniteLossException extends IllegalStateException {

    private final int step;
    private final int epoch;

    public NonFiniteLossException(String message, int step, int epoch) {
        super(message);
        this.step = step;
        this.epoch = epoch;
    }

    /** Returns the 1-based run step at which the value appeared. */
    public int step() {
        return step;
    }

    /** Returns the 1-based epoch of that step. */
    public int epoch() {
        return epoch;
    }
}
