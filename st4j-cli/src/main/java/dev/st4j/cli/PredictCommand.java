package dev.st4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "predict", mixinStandardHelpOptions = true, description = "Not built yet.")
final class PredictCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'predict' is not built yet");
    }
}
