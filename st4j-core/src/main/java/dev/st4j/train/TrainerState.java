package dev.st4j.train;

import java.util.List;
import java.util.Map;

/**
 * Everything besides tensors that a checkpoint needs to continue a run exactly, saved as {@code
 * trainer_state.json}. The random state is implied: each epoch's shuffle and dropout seeds derive
 * from {@code seed} and the epoch number.
 *
 * @param epoch epochs completed
 * @param step optimiser steps completed
 * @param totalSteps the schedule's length
 * @param warmupSteps the schedule's warm-up
 * @param optimizerStep AdamW's update count (its bias-correction {@code t})
 * @param seed the master seed
 * @param nextEpochSeed the shuffle and dropout seed of the next epoch, for inspection
 * @param dataSha256 fingerprint of the training records, checked on resume
 * @param baseModelSha256 {@link dev.st4j.model.SentenceTransformer#weightsSha256()} of the base
 *     model before training, checked on resume
 * @param trainingSettings the run's {@link FineTuneConfig#trainingSettings()}, checked on resume
 * @param stepLosses the loss of every step so far
 * @param epochs summaries of the completed epochs
 * @param bestEpoch epoch with the best validation macro-F1 so far; 0 without validation
 * @param bestMacroF1 that epoch's validation macro-F1; NaN without validation
 * @param epochsWithoutImprovement epochs since the best one, for early stopping
 */
record TrainerState(
        int epoch,
        int step,
        int totalSteps,
        int warmupSteps,
        int optimizerStep,
        long seed,
        long nextEpochSeed,
        String dataSha256,
        String baseModelSha256,
        Map<String, Object> trainingSettings,
        List<Double> stepLosses,
        List<EpochMetrics> epochs,
        int bestEpoch,
        double bestMacroF1,
        int epochsWithoutImprovement) {

    static final String FILE_NAME = "trainer_state.json";
}
