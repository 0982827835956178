package dev.st4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of {@link DatasetPreparer}, with every default in {@link Builder}. Column names are
 * normalised like the file's header ({@link CsvTable#normaliseColumnName}), so {@code Selling
 * Price} and {@code selling_price} name the same column.
 *
 * @param input the CSV file, plain or gzip-compressed
 * @param output the folder to write, or null for an in-memory preparation
 * @param header whether the first row contains the column names
 * @param columns the column names of a file without a header row, else empty. Empty and repeated
 *     names are kept here, unlike in the other column lists, so the reader can reject them.
 * @param textColumns columns joined, in this order, into the text the encoder sees
 * @param labelColumn column holding the label, possibly a {@code |}-separated path
 * @param labelLevel 1-based {@code |}-separated segment of the label column that is the label
 * @param numericColumns columns parsed with {@link NumberParser}
 * @param categoricalColumns columns kept as trimmed strings
 * @param groupColumn rows sharing a value of this column stay on one side of the split, or null
 * @param idColumn column holding a unique record id; when the file lacks the default {@value
 *     #DEFAULT_ID_COLUMN} column, the data row number is the id
 * @param missingValues cell texts, compared after trimming, that mean a missing value; the empty
 *     cell is always missing
 * @param testSize share of each label's rows held out for testing, in (0, 1)
 * @param seed seed of the sample and the split
 * @param sample number of labelled rows to keep in a stratified sample before the split, or 0 for
 *     all rows
 * @param lenient whether invalid rows are skipped and counted instead of stopping the run
 * @param overwrite whether an existing output folder may be replaced
 */
public record PrepareConfig(
        Path input,
        Path output,
        boolean header,
        List<String> columns,
        List<String> textColumns,
        String labelColumn,
        int labelLevel,
        List<String> numericColumns,
        List<String> categoricalColumns,
        String groupColumn,
        String idColumn,
        List<String> missingValues,
        double testSize,
        long seed,
        int sample,
        boolean lenient,
        boolean overwrite) {

    // The list defaults are comma-separated constants so that CLI help texts can show them.
    public static final String DEFAULT_TEXT_COLUMN_NAMES =
            "product_name,about_product,product_specification,technical_details";
    public static final String DEFAULT_NUMERIC_COLUMN_NAMES = "selling_price";
    public static final String DEFAULT_CATEGORICAL_COLUMN_NAMES = "model_number,is_amazon_seller";
    public static final List<String> DEFAULT_TEXT_COLUMNS =
            List.of(DEFAULT_TEXT_COLUMN_NAMES.split(","));
    public static final List<String> DEFAULT_NUMERIC_COLUMNS =
            List.of(DEFAULT_NUMERIC_COLUMN_NAMES.split(","));
    public static final List<String> DEFAULT_CATEGORICAL_COLUMNS =
            List.of(DEFAULT_CATEGORICAL_COLUMN_NAMES.split(","));
    public static final String DEFAULT_LABEL_COLUMN = "category";
    public static final String DEFAULT_ID_COLUMN = "uniq_id";
    public static final double DEFAULT_TEST_SIZE = 0.2;
    public static final long DEFAULT_SEED = 42;

    public PrepareConfig {
        if (input == null) {
            throw new IllegalArgumentException(
                    "No input file given; pass --input FILE.csv or set \"input\" in the config"
                            + " file");
        }
        columns = columns.stream().map(CsvTable::normaliseColumnName).toList();
        textColumns = normalise(textColumns);
        labelColumn = normaliseOrNull(labelColumn);
        numericColumns = normalise(numericColumns);
        categoricalColumns = normalise(categoricalColumns);
        groupColumn = normaliseOrNull(groupColumn);
        idColumn = normaliseOrNull(idColumn);
        missingValues = List.copyOf(missingValues);
        validate(
                header,
                columns,
                textColumns,
                labelColumn,
                labelLevel,
                numericColumns,
                categoricalColumns,
                idColumn,
                testSize,
                sample);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads a JSON config file; see {@link PrepareConfigJson} for its keys. */
    public static PrepareConfig fromJson(Path file) throws java.io.IOException {
        return PrepareConfigJson.read(file, builder()).build();
    }

    public Builder toBuilder() {
        return new Builder()
                .input(input)
                .output(output)
                .header(header)
                .columns(columns)
                .textColumns(textColumns)
                .labelColumn(labelColumn)
                .labelLevel(labelLevel)
                .numericColumns(numericColumns)
                .categoricalColumns(categoricalColumns)
                .groupColumn(groupColumn)
                .idColumn(idColumn)
                .missingValues(missingValues)
                .testSize(testSize)
                .seed(seed)
                .sample(sample)
                .lenient(lenient)
                .overwrite(overwrite);
    }

    /** Returns the settings under their config-file keys, for the manifest. */
    public Map<String, Object> toSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("input", input.toString());
        settings.put("output", output == null ? null : output.toString());
        settings.put("header", header);
        settings.put("columns", columns);
        settings.put("text_columns", textColumns);
        settings.put("label_column", labelColumn);
        settings.put("label_level", labelLevel);
        settings.put("numeric_columns", numericColumns);
        settings.put("categorical_columns", categoricalColumns);
        settings.put("group_column", groupColumn);
        settings.put("id_column", idColumn);
        settings.put("missing_values", missingValues);
        settings.put("test_size", testSize);
        settings.put("seed", seed);
        settings.put("sample", sample);
        settings.put("lenient", lenient);
        return settings;
    }

    /** Returns the column layout that prepared records follow. */
    public PreparedSchema schema() {
        return new PreparedSchema(
                textColumns,
                labelColumn,
                labelLevel,
                numericColumns,
                categoricalColumns,
                groupColumn);
    }

    /** Returns every column the preparation reads, with the option that names it. */
    Map<String, String> requiredColumns() {
        Map<String, String> required = new LinkedHashMap<>();
        textColumns.forEach(c -> required.put(c, "--text-columns"));
        required.put(labelColumn, "--label-column");
        numericColumns.forEach(c -> required.put(c, "--numeric-columns"));
        categoricalColumns.forEach(c -> required.put(c, "--categorical-columns"));
        if (groupColumn != null) {
            required.put(groupColumn, "--group-column");
        }
        return required;
    }

    private static void validate(
            boolean header,
            List<String> columns,
            List<String> textColumns,
            String labelColumn,
            int labelLevel,
            List<String> numericColumns,
            List<String> categoricalColumns,
            String idColumn,
            double testSize,
            int sample) {
        if (header && !columns.isEmpty()) {
            throw new IllegalArgumentException(
                    "Column names "
                            + columns
                            + " were given for a"
                            + " file with a header row; add --no-header, or drop --columns");
        }
        if (!header && columns.isEmpty()) {
            throw new IllegalArgumentException(
                    "A file without a header row needs its column"
                            + " names; pass --columns a,b,c");
        }
        if (textColumns.isEmpty()) {
            throw new IllegalArgumentException("No text columns given; pass --text-columns a,b");
        }
        if (labelColumn == null || labelColumn.isEmpty()) {
            throw new IllegalArgumentException("No label column given; pass --label-column NAME");
        }
        if (labelLevel < 1) {
            throw new IllegalArgumentException(
                    "Label level "
                            + labelLevel
                            + " is invalid; it is the 1-based segment of the label column, so pass"
                            + " --label-level 1 or more");
        }
        if (idColumn == null || idColumn.isEmpty()) {
            throw new IllegalArgumentException("No id column given; pass --id-column NAME");
        }
        Set<String> both = new HashSet<>(numericColumns);
        both.retainAll(categoricalColumns);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException(
                    "Columns "
                            + both
                            + " are both numeric and"
                            + " categorical; list each in only one of --numeric-columns and"
                            + " --categorical-columns");
        }
        if (!(testSize > 0 && testSize < 1)) {
            throw new IllegalArgumentException(
                    "Test size "
                            + testSize
                            + " is invalid; pass"
                            + " --test-size between 0 and 1 (exclusive), such as 0.2");
        }
        if (sample < 0) {
            throw new IllegalArgumentException(
                    "Sample size "
                            + sample
                            + " is invalid; pass"
                            + " --sample N with N > 0, or 0 for all rows");
        }
    }

    private static List<String> normalise(List<String> names) {
        List<String> normalised = new ArrayList<>();
        for (String name : names) {
            String column = CsvTable.normaliseColumnName(name);
            if (!column.isEmpty() && !normalised.contains(column)) {
                normalised.add(column);
            }
        }
        return List.copyOf(normalised);
    }

    private static String normaliseOrNull(String name) {
        if (name == null) {
            return null;
        }
        String column = CsvTable.normaliseColumnName(name);
        return column.isEmpty() ? null : column;
    }

    /** Builder that starts from the defaults for the Amazon product export. */
    public static final class Builder {
        private Path input;
        private Path output;
        private boolean header = true;
        private List<String> columns = List.of();
        private List<String> textColumns = DEFAULT_TEXT_COLUMNS;
        private String labelColumn = DEFAULT_LABEL_COLUMN;
        private int labelLevel = 1;
        private List<String> numericColumns = DEFAULT_NUMERIC_COLUMNS;
        private List<String> categoricalColumns = DEFAULT_CATEGORICAL_COLUMNS;
        private String groupColumn;
        private String idColumn = DEFAULT_ID_COLUMN;
        private List<String> missingValues = List.of();
        private double testSize = DEFAULT_TEST_SIZE;
        private long seed = DEFAULT_SEED;
        private int sample;
        private boolean lenient;
        private boolean overwrite;

        private Builder() {}

        public Builder input(Path value) {
            input = value;
            return this;
        }

        public Builder output(Path value) {
            output = value;
            return this;
        }

        public Builder header(boolean value) {
            header = value;
            return this;
        }

        public Builder columns(List<String> value) {
            columns = value;
            return this;
        }

        public Builder textColumns(List<String> value) {
            textColumns = value;
            return this;
        }

        public Builder labelColumn(String value) {
            labelColumn = value;
            return this;
        }

        public Builder labelLevel(int value) {
            labelLevel = value;
            return this;
        }

        public Builder numericColumns(List<String> value) {
            numericColumns = value;
            return this;
        }

        public Builder categoricalColumns(List<String> value) {
            categoricalColumns = value;
            return this;
        }

        public Builder groupColumn(String value) {
            groupColumn = value;
            return this;
        }

        public Builder idColumn(String value) {
            idColumn = value;
            return this;
        }

        public Builder missingValues(List<String> value) {
            missingValues = value;
            return this;
        }

        public Builder testSize(double value) {
            testSize = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder sample(int value) {
            sample = value;
            return this;
        }

        public Builder lenient(boolean value) {
            lenient = value;
            return this;
        }

        public Builder overwrite(boolean value) {
            overwrite = value;
            return this;
        }

        public PrepareConfig build() {
            return new PrepareConfig(
                    input,
                    output,
                    header,
                    columns,
                    textColumns,
                    labelColumn,
                    labelLevel,
                    numericColumns,
                    categoricalColumns,
                    groupColumn,
                    idColumn,
                    missingValues,
                    testSize,
                    seed,
                    sample,
                    lenient,
                    overwrite);
        }
    }
}
