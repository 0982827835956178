package dev.st4j.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A problem in an input data file, located by file, line and column so the user can find it.
 * Row-level problems carry the {@link SkipReason} under which {@code --lenient} skips the row.
 */
public final class DataFileException extends IOException {

    private final transient Path file;
    private final long line;
    private final String column;
    private final SkipReason reason;
    private final String detail;

    /**
     * @param line 1-based line of the file where the row or header starts, or 0 when unknown
     * @param column normalised column name, or null when the problem is not in one column
     * @param reason why a lenient run may skip the row, or null when the problem is fatal
     * @param detail what was found and what was expected, without the location
     */
    public DataFileException(
            Path file, long line, String column, SkipReason reason, String detail) {
        super(locate(file, line, column) + ": " + detail);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
        this.detail = detail;
    }

    private static String locate(Path file, long line, String column) {
        StringBuilder where = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            where.append(", line ").append(line);
        }
        if (column != null) {
            where.append(", column '").append(column).append('\'');
        }
        return where.toString();
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String column() {
        return column;
    }

    /** Returns the reason a lenient run skips the row, or null when no run can go on. */
    public SkipReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    /** Returns the location and detail without the file, for per-row report lines. */
    public String shortMessage() {
        StringBuilder where = new StringBuilder();
        if (line > 0) {
            where.append("line ").append(line);
        }
        if (column != null) {
            if (!where.isEmpty()) {
                where.append(", ");
            }
            where.append("column '").append(column).append('\'');
        }
        if (where.isEmpty()) {
            return detail;
        }
        return where + ": " + detail;
    }
}
