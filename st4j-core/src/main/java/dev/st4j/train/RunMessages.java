package dev.st4j.train;

import java.nio.file.Path;
import java.util.Locale;

/** Log lines of a run, one per log interval and one per epoch. */
final class RunMessages {

    private RunMessages() {}

    static String log(LogMetrics log, int totalSteps) {
        return String.format(
                Locale.ROOT,
                "epoch %d step %d/%d loss %.4f lr %.3g grad_norm %.3f %.1f samples/s",
                log.epoch(),
                log.step(),
                totalSteps,
                log.loss(),
                log.learningRate(),
                log.gradNorm(),
                log.samplesPerSecond());
    }

    static String epoch(EpochMetrics epoch, int epochs, Validation validation, Path checkpoint) {
        String scores = "";
        if (validation != Validation.NONE) {
            scores =
                    String.format(
                            Locale.ROOT,
                            ", validation loss %.4f accuracy %.4f macro-F1 %.4f%s",
                            validation.loss(),
                            validation.accuracy(),
                            validation.macroF1(),
                            epoch.best() ? " (best)" : "");
        }
        return String.format(
                Locale.ROOT,
                "epoch %d/%d done in %.1f s: train loss %.4f%s; checkpoint %s",
                epoch.epoch(),
                epochs,
                epoch.seconds(),
                epoch.trainLoss(),
                scores,
                checkpoint);
    }
}
