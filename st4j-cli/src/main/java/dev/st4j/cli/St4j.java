package dev.st4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code st4j} command-line tool. */
@Command(
        name = "st4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Sentence transformers for Java: encode, fine-tune and classify product texts.",
        subcommands = {
            EncodeCommand.class,
            ModelsCommand.class,
            PrepareCommand.class,
            FinetuneCommand.class,
            PredictCommand.class,
            ExperimentCommand.class,
            BenchmarkCommand.class,
            CommandLine.HelpCommand.class
        })
public final class St4j implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** Creates the command line with the project's one-line error handling. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new St4j());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        return commandLine;
    }
}
