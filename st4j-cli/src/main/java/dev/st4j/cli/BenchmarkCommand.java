package dev.st4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "benchmark", mixinStandardHelpOptions = true, description = "Not built yet.")
final class BenchmarkCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'benchmark' is not built yet");
    }
}
