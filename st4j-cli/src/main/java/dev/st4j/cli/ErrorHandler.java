package dev.st4j.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns an exception thrown by a command into one line on standard error and exit code 1. The
 * stack trace goes to the log at DEBUG, so {@code --verbose} or a logback override shows it.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public int handleExecutionException(
            Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message = exception.getMessage();
        if (message == null || message.isBlank()) {
            message = exception.getClass().getSimpleName();
        }
        commandLine.getErr().println("st4j " + commandLine.getCommandName() + ": error: " + message);
        LOG.debug("Command failed", exception);
        return 1;
    }
}
