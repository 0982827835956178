package dev.st4j.cli;

import dev.st4j.data.DatasetPreparer;
import dev.st4j.data.PrepareConfig;
import dev.st4j.data.PrepareReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code st4j prepare}: turns a product CSV into a prepared folder. Options left out keep the value
 * from {@code --config}, else the {@link PrepareConfig} default.
 */
@Command(
        name = "prepare",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Turn a product CSV (.csv or .csv.gz) into text, label, tabular features and a fixed,"
                    + " stratified train/test split.",
            "Writes records.jsonl, labels.json, split.json, schema.json, report.json and"
                    + " st4j-manifest.json into the output folder."
        })
final class PrepareCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "Folder to write; must not exist unless --overwrite.")
    Path output;

    @Mixin PrepareOptions options;

    @Option(names = "--overwrite", description = "Replace an existing output folder.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        PrepareConfig.Builder builder = options.toBuilder().overwrite(overwrite);
        if (output != null) builder.output(output);
        PrepareConfig settings = builder.build();
        if (settings.output() == null) {
            throw new IllegalArgumentException("No output folder given; pass --output DIR");
        }
        PrepareReport report = new DatasetPreparer().prepare(settings);
        spec.commandLine().getOut().print(report.summary());
        spec.commandLine().getOut().println("Prepared dataset written to " + settings.output());
        return 0;
    }
}
