package dev.st4j.train;

/**
 * Summary of one epoch. The validation fields are NaN when the run has no validation split.
 *
 * @param epoch 1-based epoch number
 * @param step the run's step count at the end of the epoch
 * @param trainLoss mean step loss over the epoch
 * @param validationLoss mean cross-entropy (without smoothing or weights) on the validation split
 * @param validationAccuracy accuracy of the head's argmax on the validation split
 * @param validationMacroF1 macro-F1 over the classes present in the validation split
 * @param best whether this epoch has the best validation macro-F1 so far
 * @param seconds wall time of the epoch's steps and validation (not its checkpoint)
 */
public record EpochMetrics(
        int epoch,
        int step,
        double trainLoss,
        double validationLoss,
        double validationAccuracy,
        double validationMacroF1,
        boolean best,
        double seconds) {}
