package dev.st4j.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns CSV rows into {@link Record}s: joins the text, extracts the label and parses the tabular
 * features, counting missing and unparsed feature values as it goes.
 *
 * <p>Every cell is trimmed ({@link Cells#trim}) before use. A cell is missing when it is empty
 * after trimming or equals one of the configured missing values. The text joins the non-missing
 * text cells with one space, so an empty cell adds no extra space and inner whitespace (line breaks
 * included) is kept as it is.
 */
final class RecordExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(RecordExtractor.class);
    private static final int MAX_EXAMPLES = 5;

    /** The record made from a row, or why the row is skipped; exactly one is non-null. */
    record Extracted(Record record, DataFileException skip) {}

    private final PrepareConfig config;
    private final CsvTable table;
    private final Set<String> missingValues;
    private final int[] textIndices;
    private final int labelIndex;
    private final int[] numericIndices;
    private final int[] categoricalIndices;
    private final int groupIndex;
    private final int idIndex;
    private final long[] numericMissing;
    private final long[] numericUnparsed;
    private final List<List<String>> unparsedExamples = new ArrayList<>();
    private final long[] categoricalMissing;
    private final Map<String, Long> lineOfId = new HashMap<>();

    RecordExtractor(PrepareConfig config, CsvTable table) throws DataFileException {
        this.config = config;
        this.table = table;
        this.missingValues = new HashSet<>(config.missingValues());
        for (Map.Entry<String, String> required : config.requiredColumns().entrySet()) {
            requireColumn(required.getKey(), required.getValue());
        }
        textIndices = indices(config.textColumns());
        labelIndex = table.indexOf(config.labelColumn());
        numericIndices = indices(config.numericColumns());
        categoricalIndices = indices(config.categoricalColumns());
        groupIndex = config.groupColumn() == null ? -1 : table.indexOf(config.groupColumn());
        idIndex = table.indexOf(config.idColumn());
        if (idIndex < 0) {
            if (!config.idColumn().equals(PrepareConfig.DEFAULT_ID_COLUMN)) {
                requireColumn(config.idColumn(), "--id-column");
            }
            LOG.warn(
                    "{} has no '{}' column, so record ids are data row numbers; pass --id-column"
                            + " to use another column",
                    table.file(),
                    config.idColumn());
        }
        numericMissing = new long[numericIndices.length];
        numericUnparsed = new long[numericIndices.length];
        categoricalMissing = new long[categoricalIndices.length];
        for (int i = 0; i < numericIndices.length; i++) {
            unparsedExamples.add(new ArrayList<>());
        }
    }

    /** Converts a row whose field count was already checked. */
    Extracted extract(CsvTable.Row row) {
        List<String> fields = row.fields();
        String id = idIndex < 0 ? String.valueOf(row.row()) : value(fields.get(idIndex));
        if (id == null) {
            return skip(
                    row,
                    config.idColumn(),
                    SkipReason.MISSING_ID,
                    "the record id is empty; fill it in, choose another --id-column, or pass"
                        + " --lenient to skip such rows");
        }
        Long earlier = lineOfId.putIfAbsent(id, row.line());
        if (earlier != null) {
            return skip(
                    row,
                    config.idColumn(),
                    SkipReason.DUPLICATE_ID,
                    String.format(
                            "id '%s' was already used by the row at line %d; ids must be unique, so"
                                + " choose another --id-column or pass --lenient to skip such rows",
                            id, earlier));
        }

        String labelCell = value(fields.get(labelIndex));
        if (labelCell == null) {
            return skip(row, config.labelColumn(), SkipReason.EMPTY_LABEL, "the label is empty");
        }
        String[] segments = labelCell.split("\\|", -1);
        int level = config.labelLevel();
        if (segments.length < level) {
            return skip(
                    row,
                    config.labelColumn(),
                    SkipReason.LABEL_LEVEL_MISSING,
                    String.format(
                            "label '%s' has %d '|'-separated segments, fewer than --label-level %d",
                            labelCell, segments.length, level));
        }
        String label = Cells.trim(segments[level - 1]);
        if (label.isEmpty()) {
            return skip(
                    row,
                    config.labelColumn(),
                    SkipReason.EMPTY_LABEL,
                    String.format("segment %d of label '%s' is empty", level, labelCell));
        }

        String group = groupIndex < 0 ? null : value(fields.get(groupIndex));
        Record record =
                new Record(
                        row.row(),
                        id,
                        text(fields),
                        label,
                        numeric(fields),
                        categorical(fields),
                        group);
        return new Extracted(record, null);
    }

    /** Returns column to missing and unparsed counts with a few unparsed examples. */
    Map<String, PrepareReport.NumericStats> numericStats() {
        Map<String, PrepareReport.NumericStats> stats = new LinkedHashMap<>();
        for (int i = 0; i < numericIndices.length; i++) {
            stats.put(
                    config.numericColumns().get(i),
                    new PrepareReport.NumericStats(
                            numericMissing[i],
                            numericUnparsed[i],
                            List.copyOf(unparsedExamples.get(i))));
        }
        return stats;
    }

    /** Returns column to the number of missing values. */
    Map<String, Long> categoricalMissing() {
        Map<String, Long> missing = new LinkedHashMap<>();
        for (int i = 0; i < categoricalIndices.length; i++) {
            missing.put(config.categoricalColumns().get(i), categoricalMissing[i]);
        }
        return missing;
    }

    private String text(List<String> fields) {
        return Cells.joinText(fields, textIndices, missingValues);
    }

    private double[] numeric(List<String> fields) {
        double[] values = new double[numericIndices.length];
        for (int i = 0; i < values.length; i++) {
            String cell = value(fields.get(numericIndices[i]));
            values[i] = NumberParser.parse(cell);
            if (cell == null) {
                numericMissing[i]++;
            } else if (Double.isNaN(values[i])) {
                numericUnparsed[i]++;
                if (unparsedExamples.get(i).size() < MAX_EXAMPLES) {
                    unparsedExamples
                            .get(i)
                            .add(cell.length() > 80 ? cell.substring(0, 80) + "..." : cell);
                }
            }
        }
        return values;
    }

    private String[] categorical(List<String> fields) {
        String[] values = new String[categoricalIndices.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(fields.get(categoricalIndices[i]));
            if (values[i] == null) {
                categoricalMissing[i]++;
            }
        }
        return values;
    }

    private String value(String cell) {
        return Cells.value(cell, missingValues);
    }

    private Extracted skip(CsvTable.Row row, String column, SkipReason reason, String detail) {
        return new Extracted(
                null, new DataFileException(table.file(), row.line(), column, reason, detail));
    }

    private int[] indices(List<String> columns) {
        return columns.stream().mapToInt(table::indexOf).toArray();
    }

    private void requireColumn(String column, String option) throws DataFileException {
        if (table.indexOf(column) < 0) {
            throw new DataFileException(
                    table.file(),
                    config.header() ? 1 : 0,
                    column,
                    null,
                    "column not found (named by "
                            + option
                            + "); the file's columns are "
                            + table.columns()
                            + ". Column names are compared in lower case"
                            + " with spaces as '_'.");
        }
    }
}
