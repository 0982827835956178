package dev.st4j.data;

import java.util.Locale;

/**
 * Reason a data row was left out of a prepared dataset. The lower-case name is the key in {@code
 * report.json}'s {@code skipped} map.
 */
public enum SkipReason {
    /** The row contains bytes that are not valid UTF-8 (an error unless {@code --lenient}). */
    INVALID_UTF8(true),
    /** The row has more or fewer fields than the header (an error unless {@code --lenient}). */
    WRONG_FIELD_COUNT(true),
    /** The id column is empty (an error unless {@code --lenient}). */
    MISSING_ID(true),
    /** The id was already used by an earlier row (an error unless {@code --lenient}). */
    DUPLICATE_ID(true),
    /** The label column, or the selected segment of it, is empty. Always skipped. */
    EMPTY_LABEL(false),
    /**
     * The label column has fewer {@code |}-separated segments than the label level. Always skipped.
     */
    LABEL_LEVEL_MISSING(false);

    private final boolean errorUnlessLenient;

    SkipReason(boolean errorUnlessLenient) {
        this.errorUnlessLenient = errorUnlessLenient;
    }

    /** Returns whether a strict run stops on this reason instead of skipping the row. */
    public boolean isErrorUnlessLenient() {
        return errorUnlessLenient;
    }

    /** Returns the report key, such as {@code empty_label}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
