package dev.st4j.train;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A console progress bar over the run's records with throughput (records per second) and ETA, and
 * the latest logged loss as its message. The loss lines themselves go to the log.
 */
public final class ConsoleProgressListener implements TrainingListener {

    private final PrintStream stream;
    private ProgressBar bar;
    private int stepsPerEpoch;

    /** Creates a bar on {@code stream} (usually {@code System.err}, beside the log). */
    public ConsoleProgressListener(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public void onTrainStart(TrainingPlan plan) {
        stepsPerEpoch = plan.stepsPerEpoch();
        int epochs = plan.config().epochs();
        long total = (long) plan.trainRecords() * epochs;
        long done = (long) plan.trainRecords() * (plan.firstEpoch() - 1);
        bar =
                new ProgressBarBuilder()
                        .setTaskName("finetune")
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new ConsoleProgressBarConsumer(stream))
                        .setUnit(" rec", 1)
                        .showSpeed()
                        .setSpeedUnit(ChronoUnit.SECONDS)
                        .setUpdateIntervalMillis(1000)
                        .startsFrom(done, java.time.Duration.ZERO)
                        .build();
    }

    @Override
    public void onStep(StepMetrics step) {
        bar.stepBy(step.records());
        int stepInEpoch = (step.step() - 1) % stepsPerEpoch + 1;
        bar.setExtraMessage(
                String.format(
                        Locale.ROOT,
                        " epoch %d step %d/%d",
                        step.epoch(),
                        stepInEpoch,
                        stepsPerEpoch));
    }

    @Override
    public void onLog(LogMetrics log) {
        bar.setExtraMessage(
                String.format(Locale.ROOT, " epoch %d loss %.4f", log.epoch(), log.loss()));
    }

    @Override
    public void onTrainEnd(FineTuneResult result) {
        close();
    }

    @Override
    public void onTrainFailed(Exception error) {
        close();
    }

    /** Closes the bar; safe to call more than once. */
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
