package dev.st4j.train;

import java.nio.file.Path;

/**
 * Shape of a run as it starts.
 *
 * @param trainRecords records trained on (after the validation split)
 * @param validationRecords records scored at each epoch end; 0 without validation
 * @param stepsPerEpoch optimiser steps (batches) per epoch
 * @param totalSteps optimiser steps of the whole run, the schedule's length
 * @param warmupSteps steps of learning-rate warm-up
 * @param firstEpoch the epoch (1-based) this session starts with; above 1 when resuming
 * @param completedSteps optimiser steps already done by an interrupted run; 0 for a new run
 * @param maxSeqLength tokens per text after truncation
 * @param truncatedRecords training records longer than {@code maxSeqLength} tokens
 */
public record TrainingPlan(
        FineTuneConfig config,
        int trainRecords,
        int validationRecords,
        int stepsPerEpoch,
        int totalSteps,
        int warmupSteps,
        int firstEpoch,
        int completedSteps,
        int maxSeqLength,
        int truncatedRecords,
        Path output) {}
