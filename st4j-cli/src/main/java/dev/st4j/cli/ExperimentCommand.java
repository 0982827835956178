package dev.st4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "experiment", mixinStandardHelpOptions = true, description = "Not built yet.")
final class ExperimentCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'experiment' is not built yet");
    }
}
