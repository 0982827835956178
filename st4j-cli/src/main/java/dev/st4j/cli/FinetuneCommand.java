package dev.st4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "finetune", mixinStandardHelpOptions = true, description = "Not built yet.")
final class FinetuneCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'finetune' is not built yet");
    }
}
