package dev.st4j.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutable record of how far a run has come: steps, losses, epoch summaries and the early-stopping
 * bookkeeping. {@link #toState} snapshots it for a checkpoint.
 */
final class RunProgress {

    private final RunSetup setup;
    private final String baseModelSha256;
    private final List<Double> stepLosses = new ArrayList<>();
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private int epoch;
    private int step;
    private int bestEpoch;
    private double bestMacroF1 = Double.NaN;
    private int epochsWithoutImprovement;
    private double trainSeconds;
    private long trainedRecords;

    private RunProgress(RunSetup setup, String baseModelSha256) {
        this.setup = setup;
        this.baseModelSha256 = baseModelSha256;
    }

    static RunProgress start(RunSetup setup, String baseModelSha256) {
        return new RunProgress(setup, baseModelSha256);
    }

    /**
     * Returns the progress saved in {@code state}, after checking that it belongs to a run with the
     * same settings, records and base model.
     *
     * @throws IllegalArgumentException naming the first difference
     */
    RunProgress resumeFrom(TrainerState state, Path checkpoint) {
        Map<String, Object> current = setup.config().trainingSettings();
        for (Map.Entry<String, Object> entry : current.entrySet()) {
            Object saved = state.trainingSettings().get(entry.getKey());
            if (!sameSetting(saved, entry.getValue())) {
                throw new IllegalArgumentException(
                        "Cannot resume "
                                + checkpoint
                                + ": setting "
                                + entry.getKey()
                                + " is "
                                + entry.getValue()
                                + " but the interrupted run used "
                                + saved
                                + "; pass the run's original value or start a new run");
            }
        }

        if (!state.dataSha256().equals(setup.dataSha256())) {
            throw new IllegalArgumentException(
                    "Cannot resume "
                            + checkpoint
                            + ": the training records"
                            + " differ from the interrupted run's (SHA-256 "
                            + setup.dataSha256()
                            + " vs "
                            + state.dataSha256()
                            + "); use the same prepared dataset");
        }
        if (!state.baseModelSha256().equals(baseModelSha256)) {
            throw new IllegalArgumentException(
                    "Cannot resume "
                            + checkpoint
                            + ": the base model's"
                            + " weights differ from the interrupted run's; load "
                            + current.get("baseModel"));
        }

        RunProgress restored = new RunProgress(setup, baseModelSha256);
        restored.epoch = state.epoch();
        restored.step = state.step();
        restored.stepLosses.addAll(state.stepLosses());
        restored.epochs.addAll(state.epochs());
        restored.bestEpoch = state.bestEpoch();
        restored.bestMacroF1 = state.bestMacroF1();
        restored.epochsWithoutImprovement = state.epochsWithoutImprovement();
        return restored;
    }

    private static boolean sameSetting(Object saved, Object current) {
        if (saved instanceof Number a && current instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(saved, current);
    }

    void recordStep(double loss, double seconds, int records) {
        step++;
        stepLosses.add(loss);
        trainSeconds += seconds;
        trainedRecords += records;
    }

    /**
     * Marks {@code completedEpoch} done and updates the early-stopping state.
     *
     * @return whether the epoch has the best validation macro-F1 so far
     */
    boolean recordEpoch(int completedEpoch, Validation validation) {
        epoch = completedEpoch;
        if (Double.isNaN(validation.macroF1())) {
            return false;
        }
        if (bestEpoch == 0 || validation.macroF1() > bestMacroF1) {
            bestEpoch = completedEpoch;
            bestMacroF1 = validation.macroF1();
            epochsWithoutImprovement = 0;
            return true;
        }
        epochsWithoutImprovement++;
        return false;
    }

    void addEpoch(EpochMetrics metrics) {
        epochs.add(metrics);
    }

    boolean shouldStopEarly(int patience) {
        return patience > 0 && epochsWithoutImprovement >= patience;
    }

    TrainerState toState(int optimizerStep) {
        return new TrainerState(
                epoch,
                step,
                setup.totalSteps(),
                setup.warmupSteps(),
                optimizerStep,
                setup.config().seed(),
                BatchPlanner.epochSeed(setup.config().seed(), epoch + 1),
                setup.dataSha256(),
                baseModelSha256,
                setup.config().trainingSettings(),
                List.copyOf(stepLosses),
                List.copyOf(epochs),
                bestEpoch,
                bestMacroF1,
                epochsWithoutImprovement);
    }

    int epoch() {
        return epoch;
    }

    int step() {
        return step;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    double bestMacroF1() {
        return bestMacroF1;
    }

    List<Double> stepLosses() {
        return List.copyOf(stepLosses);
    }

    List<EpochMetrics> epochs() {
        return List.copyOf(epochs);
    }

    double trainSeconds() {
        return trainSeconds;
    }

    double samplesPerSecond() {
        return trainSeconds > 0 ? trainedRecords / trainSeconds : 0;
    }
}
