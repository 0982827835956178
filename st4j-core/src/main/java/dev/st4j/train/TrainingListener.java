package dev.st4j.train;

/**
 * Observer of a fine-tuning run. Callbacks run on the training thread between steps, so a slow
 * listener slows training. An exception thrown by a listener stops the run.
 */
public interface TrainingListener {

    /** Called once before the first step, after a resumed run has restored its state. */
    default void onTrainStart(TrainingPlan plan) {}

    /** Called after every optimiser step. */
    default void onStep(StepMetrics step) {}

    /** Called every {@link FineTuneConfig#logEvery()} steps and after the last step of an epoch. */
    default void onLog(LogMetrics log) {}

    /** Called after each epoch's validation and checkpoint. */
    default void onEpochEnd(EpochMetrics epoch) {}

    /** Called once after the final model is written. */
    default void onTrainEnd(FineTuneResult result) {}

    /**
     * Called instead of {@link #onTrainEnd} when the run stops with an error, to free resources.
     */
    default void onTrainFailed(Exception error) {}
}
