package dev.st4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "prepare", mixinStandardHelpOptions = true, description = "Not built yet.")
final class PrepareCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'prepare' is not built yet");
    }
}
