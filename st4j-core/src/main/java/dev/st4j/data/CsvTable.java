package dev.st4j.data;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streaming reader of an RFC 4180 CSV file, plain or gzip-compressed, in strict UTF-8.
 *
 * <p>Gzip is recognised by its magic bytes, not by the file name. Rows are read one at a time, so a
 * file larger than memory can be read. Column names are normalised with {@link
 * #normaliseColumnName}. Blank lines are not rows: they are counted in {@link #blankLines()}. A row
 * whose fields do not match the columns, or that contains invalid UTF-8, is still returned, with
 * {@link Row#problem()} set, so the caller decides between stopping and skipping.
 */
public final class CsvTable implements Closeable {

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).build();

    /**
     * One data row.
     *
     * @param row 1-based data row (the header and blank lines are not counted)
     * @param line 1-based line of the file where the row starts
     * @param fields the raw field values, unmodified
     * @param problem why the row cannot be used as is, or null
     */
    public record Row(long row, long line, List<String> fields, DataFileException problem) {}

    private final Path file;
    private final ChecksummedInput input;
    private final StrictUtf8Reader reader;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> columns;
    private final Map<String, Integer> indexByName = new HashMap<>();

    /** Line breaks the parser has consumed so far, including those inside quoted fields. */
    private long linesConsumed;

    private long startLineOfLastRecord;
    private long rowCount;
    private long blankLines;

    private CsvTable(Path file, ChecksummedInput input, List<String> givenColumns)
            throws IOException {
        this.file = file;
        this.input = input;
        this.reader = new StrictUtf8Reader(input.content());
        this.parser = FORMAT.parse(reader);
        this.records = parser.iterator();
        this.columns = givenColumns == null ? readHeader() : normaliseAll(givenColumns, 0);
        for (int i = 0; i < columns.size(); i++) {
            indexByName.put(columns.get(i), i);
        }
    }

    /**
     * Opens {@code file} for reading.
     *
     * @param columnNames the column names of a file without a header row, or null when the first
     *     row is the header
     */
    public static CsvTable open(Path file, List<String> columnNames) throws IOException {
        ChecksummedInput input = ChecksummedInput.open(file);
        try {
            return new CsvTable(file, input, columnNames);
        } catch (IOException | RuntimeException e) {
            input.content().close();
            throw e;
        }
    }

    /** Lower-cases and trims a column name and turns each run of whitespace into {@code _}. */
    public static String normaliseColumnName(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
    }

    public Path file() {
        return file;
    }

    /** Returns the normalised column names in file order. */
    public List<String> columns() {
        return columns;
    }

    /** Returns the index of a normalised column name, or -1 when the file has no such column. */
    public int indexOf(String column) {
        return indexByName.getOrDefault(column, -1);
    }

    /** Returns the next data row, or null at the end of the file. */
    public Row next() throws IOException {
        CSVRecord record = nextRecord();
        while (record != null && isBlankLine(record)) {
            blankLines++;
            record = nextRecord();
        }
        if (record == null) {
            input.finish();
            return null;
        }
        rowCount++;
        long line = startLineOfLastRecord;
        String[] values = record.values();
        DataFileException problem = null;
        InvalidField invalid = findInvalidUtf8(values);
        if (invalid != null) {
            problem =
                    new DataFileException(
                            file,
                            line,
                            columnName(invalid.index()),
                            SkipReason.INVALID_UTF8,
                            invalid.describe() + ", or pass --lenient to skip such rows");
        } else if (values.length != columns.size()) {
            problem = wrongFieldCount(values.length, line);
        }
        return new Row(
                rowCount, line, Collections.unmodifiableList(Arrays.asList(values)), problem);
    }

    public long blankLines() {
        return blankLines;
    }

    /**
     * Returns the SHA-256 of the file's bytes as stored; available once {@link #next()} returned
     * null.
     */
    public String fileSha256() {
        return requireFinished(input.fileSha256());
    }

    /**
     * Returns the SHA-256 of the decompressed bytes (equal to {@link #fileSha256()} for plain
     * files).
     */
    public String contentSha256() {
        return requireFinished(input.contentSha256());
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private CSVRecord nextRecord() throws IOException {
        try {
            if (!records.hasNext()) {
                return null;
            }
            startLineOfLastRecord = linesConsumed + 1;
            CSVRecord record = records.next();
            linesConsumed = parser.getCurrentLineNumber();
            return record;
        } catch (UncheckedIOException e) {
            throw readFailure(e.getCause());
        }
    }

    private DataFileException readFailure(IOException cause) {
        String detail;
        if (cause instanceof EOFException || cause instanceof ZipException) {
            detail =
                    "the compressed data is corrupt or cut short ("
                            + cause.getMessage()
                            + "); download or compress the file again";
        } else {
            detail =
                    "failed to parse the CSV data ("
                            + cause.getMessage()
                            + "). Check the quoting from this line on: a quoted field must end with"
                            + " a quote followed by a comma or a line break, and a quote inside it"
                            + " is written twice.";
        }
        return new DataFileException(file, linesConsumed + 1, null, null, detail);
    }

    private boolean isBlankLine(CSVRecord record) {
        return columns != null
                && columns.size() > 1
                && record.size() == 1
                && record.get(0).isEmpty();
    }

    private List<String> readHeader() throws IOException {
        CSVRecord header = nextRecord();
        if (header == null) {
            throw new DataFileException(
                    file,
                    0,
                    null,
                    null,
                    "the file is empty, but a header row was expected; for a file without one, pass"
                            + " --no-header --columns a,b,c");
        }
        InvalidField invalid = findInvalidUtf8(header.values());
        if (invalid != null) {
            throw new DataFileException(
                    file, 1, null, null, "the header row " + invalid.describe());
        }
        return normaliseAll(header.toList(), 1);
    }

    private List<String> normaliseAll(List<String> names, long line) throws DataFileException {
        List<String> normalised = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = normaliseColumnName(names.get(i));
            if (name.isEmpty()) {
                throw new DataFileException(
                        file,
                        line,
                        null,
                        null,
                        "column "
                                + (i + 1)
                                + " has an empty name; name every column (with --no-header"
                                + " --columns for a file without a header row)");
            }
            if (normalised.contains(name)) {
                throw new DataFileException(
                        file,
                        line,
                        name,
                        null,
                        "two columns have the name '"
                                + name
                                + "' after normalisation (lower case, spaces to '_'); rename one");
            }
            normalised.add(name);
        }
        return List.copyOf(normalised);
    }

    /** The first invalid UTF-8 sequence of a row and the index of the field that contains it. */
    private record InvalidField(int index, StrictUtf8Reader.InvalidSequence sequence) {

        String describe() {
            return "contains bytes that are not valid UTF-8 ("
                    + sequence.hexBytes()
                    + " at byte offset "
                    + sequence.byteOffset()
                    + ", line "
                    + sequence.line()
                    + "); re-encode the file as UTF-8";
        }
    }

    /** Claims the queued invalid sequences that fall in this row and returns the first one. */
    private InvalidField findInvalidUtf8(String[] values) {
        if (!reader.hasPendingInvalid()) {
            return null;
        }
        InvalidField first = null;
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            int at = value.indexOf(StrictUtf8Reader.MARK);
            while (at >= 0) {
                StrictUtf8Reader.InvalidSequence sequence = reader.pollInvalid();
                if (first == null && sequence != null) {
                    first = new InvalidField(i, sequence);
                }
                at = value.indexOf(StrictUtf8Reader.MARK, at + 1);
            }
        }
        return first;
    }

    private DataFileException wrongFieldCount(int found, long line) {
        int expected = columns.size();
        if (found < expected) {
            return new DataFileException(
                    file,
                    line,
                    columns.get(found),
                    SkipReason.WRONG_FIELD_COUNT,
                    "the row has "
                            + found
                            + " fields but there are "
                            + expected
                            + " columns, so"
                            + " this column and the ones after it are missing; fix the row's"
                            + " quoting or pass --lenient to skip such rows");
        }
        return new DataFileException(
                file,
                line,
                null,
                SkipReason.WRONG_FIELD_COUNT,
                "the row has "
                        + found
                        + " fields but there are "
                        + expected
                        + " columns (extra fields after '"
                        + columns.get(expected - 1)
                        + "'); fix the row's quoting or pass --lenient to skip"
                        + " such rows");
    }

    private String columnName(int index) {
        if (columns != null && index < columns.size()) {
            return columns.get(index);
        }
        return "field " + (index + 1);
    }

    private String requireFinished(String value) {
        if (value == null) {
            throw new IllegalStateException(
                    "The checksum is known only after the last row of " + file + " was read");
        }
        return value;
    }
}
