package dev.st4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "encode", mixinStandardHelpOptions = true, description = "Not built yet.")
final class EncodeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'encode' is not built yet");
    }
}
