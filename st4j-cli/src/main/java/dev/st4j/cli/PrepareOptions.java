package dev.st4j.cli;

import dev.st4j.data.PrepareConfig;
import dev.st4j.data.PrepareConfigJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options that say how a product CSV becomes a prepared dataset, shared by {@code prepare} and
 * {@code experiment}. Options left out keep the value from {@code --config}, else the {@link
 * PrepareConfig} default.
 */
final class PrepareOptions {

    @Option(
            names = "--input",
            paramLabel = "FILE",
            description = "CSV file, plain or gzip-compressed.")
    Path input;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "JSON file with the same settings (snake_case keys); options given here"
                            + " override it.")
    Path config;

    @Option(
            names = "--no-header",
            description = "The file has no header row; name its columns with --columns.")
    Boolean noHeader;

    @Option(
            names = "--columns",
            split = ",",
            paramLabel = "NAME",
            description = "Column names of a file without a header row, in file order.")
    List<String> columns;

    @Option(
            names = "--text-columns",
            split = ",",
            paramLabel = "NAME",
            description =
                    "Columns joined by a space into the text. Default: "
                            + PrepareConfig.DEFAULT_TEXT_COLUMN_NAMES
                            + ".")
    List<String> textColumns;

    @Option(
            names = "--label-column",
            paramLabel = "NAME",
            description =
                    "Column containing the label. Default: "
                            + PrepareConfig.DEFAULT_LABEL_COLUMN
                            + ".")
    String labelColumn;

    @Option(
            names = "--label-level",
            paramLabel = "N",
            description =
                    "1-based '|'-separated segment of the label column that is the label. Default:"
                            + " 1.")
    Integer labelLevel;

    @Option(
            names = "--numeric-columns",
            split = ",",
            paramLabel = "NAME",
            description =
                    "Columns parsed as numbers ('$1,299.00', '12.99 - 15.99' gives 12.99); pass ''"
                            + " for none. Default: "
                            + PrepareConfig.DEFAULT_NUMERIC_COLUMN_NAMES
                            + ".")
    List<String> numericColumns;

    @Option(
            names = "--categorical-columns",
            split = ",",
            paramLabel = "NAME",
            description =
                    "Columns kept as categories; pass '' for none. Default: "
                            + PrepareConfig.DEFAULT_CATEGORICAL_COLUMN_NAMES
                            + ".")
    List<String> categoricalColumns;

    @Option(
            names = "--group-column",
            paramLabel = "NAME",
            description = "Rows sharing a value of this column stay on one side of the split.")
    String groupColumn;

    @Option(
            names = "--id-column",
            paramLabel = "NAME",
            description =
                    "Column with unique record ids. Default: "
                            + PrepareConfig.DEFAULT_ID_COLUMN
                            + ", or the data row number when the file has no such column.")
    String idColumn;

    @Option(
            names = "--missing-values",
            split = ",",
            paramLabel = "TEXT",
            description =
                    "Cell texts that mean a missing value, such as nan,NA. The empty cell is always"
                            + " missing.")
    List<String> missingValues;

    @Option(
            names = "--test-size",
            paramLabel = "FRACTION",
            description =
                    "Share of each label's rows held out for testing. Default: "
                            + PrepareConfig.DEFAULT_TEST_SIZE
                            + ".")
    Double testSize;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description =
                    "Seed of the sample and the split. Default: "
                            + PrepareConfig.DEFAULT_SEED
                            + ".")
    Long seed;

    @Option(
            names = "--sample",
            paramLabel = "N",
            description = "Keep a stratified, seeded sample of N labelled rows before splitting;"
                    + " 0 keeps every row. Default: 0.")
    Integer sample;

    @Option(
            names = "--lenient",
            description =
                    "Skip and count rows with invalid UTF-8, a wrong number of fields or a bad id"
                            + " instead of stopping.")
    Boolean lenient;

    /** Returns a builder with {@code --config} read first and the given options on top. */
    PrepareConfig.Builder toBuilder() throws IOException {
        PrepareConfig.Builder builder = PrepareConfig.builder();
        if (config != null) {
            PrepareConfigJson.read(config, builder);
        }
        if (input != null) builder.input(input);
        if (noHeader != null) builder.header(!noHeader);
        if (columns != null) builder.columns(columns);
        if (textColumns != null) builder.textColumns(textColumns);
        if (labelColumn != null) builder.labelColumn(labelColumn);
        if (labelLevel != null) builder.labelLevel(labelLevel);
        if (numericColumns != null) builder.numericColumns(numericColumns);
        if (categoricalColumns != null) builder.categoricalColumns(categoricalColumns);
        if (groupColumn != null) builder.groupColumn(groupColumn);
        if (idColumn != null) builder.idColumn(idColumn);
        if (missingValues != null) builder.missingValues(missingValues);
        if (testSize != null) builder.testSize(testSize);
        if (seed != null) builder.seed(seed);
        if (sample != null) builder.sample(sample);
        if (lenient != null) builder.lenient(lenient);
        return builder;
    }
}
