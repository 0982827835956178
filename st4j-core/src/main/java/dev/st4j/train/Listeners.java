package dev.st4j.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Fans events out to the run's listeners in order. */
final class Listeners implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<TrainingListener> listeners;

    Listeners(List<TrainingListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onTrainStart(TrainingPlan plan) {
        listeners.forEach(l -> l.onTrainStart(plan));
    }

    @Override
    public void onStep(StepMetrics step) {
        listeners.forEach(l -> l.onStep(step));
    }

    @Override
    public void onLog(LogMetrics log) {
        listeners.forEach(l -> l.onLog(log));
    }

    @Override
    public void onEpochEnd(EpochMetrics epoch) {
        listeners.forEach(l -> l.onEpochEnd(epoch));
    }

    @Override
    public void onTrainEnd(FineTuneResult result) {
        listeners.forEach(l -> l.onTrainEnd(result));
    }

    /** Tells every listener, even when one of them fails, so each can free its resources. */
    @Override
    public void onTrainFailed(Exception error) {
        for (TrainingListener listener : listeners) {
            try {
                listener.onTrainFailed(error);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Listener {} failed while the run was stopping: {}",
                        listener,
                        e.toString());
            }
        }
    }
}
