package dev.st4j.train;

import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of a fine-tuning run.
 *
 * @param stepLosses the loss of every optimiser step of the run in order, including steps an
 *     interrupted run did before it was resumed
 * @param epochs summaries of every completed epoch, resumed history included
 * @param stoppedEarly whether early stopping ended the run before its last epoch
 * @param finalEpoch the epoch whose weights were written as the final model: the best validation
 *     epoch when the run has a validation split, else the last epoch
 * @param trainSeconds wall time of this session's training steps
 * @param samplesPerSecond records per second of this session's training steps
 * @param modelFolder the fine-tuned encoder, a sentence-transformers folder
 * @param headFolder the classification head with its labels
 */
public record FineTuneResult(
        List<Double> stepLosses,
        List<EpochMetrics> epochs,
        boolean stoppedEarly,
        int finalEpoch,
        double trainSeconds,
        double samplesPerSecond,
        Path modelFolder,
        Path headFolder) {

    public FineTuneResult {
        stepLosses = List.copyOf(stepLosses);
        epochs = List.copyOf(epochs);
    }
}
