package dev.st4j.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A console progress bar over the run's records with throughput (records per second), ETA, the
 * epoch and the latest logged loss. The loss lines themselves go to the log.
 *
 * <p>The bar shares standard error with the log, so it is drawn between carriage returns: the
 * cursor stays at the start of the line and a log line overwrites the bar instead of being appended
 * to it. The bar is redrawn below the log line at its next update. It is kept to {@value #WIDTH}
 * columns, so the loss and epoch lines, which are longer, cover it fully.
 */
public final class ConsoleProgressListener implements TrainingListener {

    static final int WIDTH = 76;

    private final PrintStream stream;
    private ProgressBar bar;
    private int epochs;
    private double lastLoss = Double.NaN;

    /** Creates a bar on {@code stream} (usually {@code System.err}, beside the log). */
    public ConsoleProgressListener(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public void onTrainStart(TrainingPlan plan) {
        epochs = plan.config().epochs();
        long total = (long) plan.trainRecords() * epochs;
        long done = (long) plan.trainRecords() * (plan.firstEpoch() - 1);
        bar =
                new ProgressBarBuilder()
                        .setTaskName("finetune")
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new CarriageReturnConsumer(stream))
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
        String loss =
                Double.isNaN(lastLoss) ? "" : String.format(Locale.ROOT, " loss %.3f", lastLoss);
        bar.setExtraMessage(String.format(Locale.ROOT, " ep %d/%d%s", step.epoch(), epochs, loss));
    }

    @Override
    public void onLog(LogMetrics log) {
        lastLoss = log.loss();
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

    /** Draws each rendering of the bar between carriage returns and ends it with a newline. */
    private static final class CarriageReturnConsumer implements ProgressBarConsumer {
        private final PrintStream stream;

        CarriageReturnConsumer(PrintStream stream) {
            this.stream = stream;
        }

        @Override
        public int getMaxRenderedLength() {
            return WIDTH;
        }

        @Override
        public void accept(String rendered) {
            stream.print('\r' + rendered + '\r');
            stream.flush();
        }

        @Override
        public void close() {
            stream.println();
            stream.flush();
        }
    }
}
