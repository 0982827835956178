package dev.st4j.classify;

import dev.st4j.data.Cells;
import dev.st4j.data.CsvTable;
import dev.st4j.data.NumberParser;
import dev.st4j.data.Record;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unlabelled rows of a CSV file to classify, turned into {@link Record}s the way the training
 * data was prepared: each cell trimmed, a cell that is empty or one of the missing-value texts
 * counts as missing, the text columns joined by one space, numbers parsed with
 * {@link NumberParser}.
 *
 * <p>Every data row becomes one record, in file order, so the output can have one line per input
 * row. A malformed row (wrong field count, invalid UTF-8) stops the read with an error that names
 * the line, because skipping it would drop a prediction silently. The records' label is the empty
 * string, since the rows are unlabelled.
 *
 * @param idColumn the column whose values identify the rows in the output, or {@code null} when
 *     the file lacks it and the 1-based data row number is the id
 */
public record PredictionInput(Path file, String idColumn, List<Record> records) {

    /** Column name written for the id when the input file has no id column. */
    public static final String ROW_NUMBER_COLUMN = "row";

    private static final Logger LOG = LoggerFactory.getLogger(PredictionInput.class);

    public PredictionInput {
        records = List.copyOf(records);
    }

    /**
     * Reads {@code file} (CSV with a header row, plain or gzip-compressed).
     *
     * @param idColumn preferred id column, normalised like the header (lower case, spaces to
     *     {@code _}); when the file lacks it, row numbers are the ids and a warning is logged
     * @param missingValues cell texts, compared after trimming, that mean missing, as used when
     *     the training data was prepared
     * @throws IllegalArgumentException if the file lacks a column the classifier needs
     * @throws IOException if the file cannot be read or a row is malformed
     */
    public static PredictionInput read(Path file, FeatureSchema schema, String idColumn,
            List<String> missingValues) throws IOException {
        Set<String> missing = new HashSet<>(missingValues);
        String idName = idColumn == null ? null : CsvTable.normaliseColumnName(idColumn);
        try (CsvTable table = CsvTable.open(file, null)) {
            schema.checkColumnsPresent(table.columns(), file.toString());
            int[] text = indices(table, schema.textColumns());
            int[] numeric = indices(table, schema.numericColumns());
            int[] categorical = indices(table, schema.categoricalColumns().stream()
                    .map(FeatureSchema.CategoricalColumn::name).toList());
            int idIndex = idName == null ? -1 : table.indexOf(idName);
            if (idIndex < 0) {
                LOG.warn("{} has no '{}' column, so the output identifies rows by their data row"
                        + " number in a '{}' column", file, idName, ROW_NUMBER_COLUMN);
            }
            List<Record> records = new ArrayList<>();
            for (CsvTable.Row row = table.next(); row != null; row = table.next()) {
                if (row.problem() != null) {
                    throw row.problem();
                }
                List<String> fields = row.fields();
                String id = idIndex < 0 ? String.valueOf(row.row()) : Cells.trim(fields.get(idIndex));
                records.add(new Record(row.row(), id, Cells.joinText(fields, text, missing), "",
                        numbers(fields, numeric, missing), strings(fields, categorical, missing),
                        null));
            }
            LOG.info("Read {} rows to classify from {}", records.size(), file);
            return new PredictionInput(file, idIndex < 0 ? null : idName, records);
        }
    }

    /** Returns the header of the id column in the output. */
    public String idHeader() {
        return idColumn == null ? ROW_NUMBER_COLUMN : idColumn;
    }

    /** Returns the record texts in row order, as the encoder's input. */
    public List<String> texts() {
        return records.stream().map(Record::text).toList();
    }

    private static double[] numbers(List<String> fields, int[] columns, Set<String> missing) {
        double[] values = new double[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = NumberParser.parse(Cells.value(fields.get(columns[i]), missing));
        }
        return values;
    }

    private static String[] strings(List<String> fields, int[] columns, Set<String> missing) {
        String[] values = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = Cells.value(fields.get(columns[i]), missing);
        }
        return values;
    }

    private static int[] indices(CsvTable table, List<String> columns) {
        return columns.stream().mapToInt(table::indexOf).toArray();
    }
}
