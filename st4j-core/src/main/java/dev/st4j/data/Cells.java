package dev.st4j.data;

import java.util.List;
import java.util.Set;

/**
 * Rules that turn raw CSV cells into record values. Preparing labelled data and reading rows to
 * classify both use them, so a classifier gets its input built exactly as its training data was.
 */
public final class Cells {

    private Cells() {}

    /**
     * Removes leading and trailing whitespace, counting the no-break space (U+00A0) and other
     * Unicode space separators, which {@link String#strip()} keeps.
     */
    public static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * Returns the trimmed cell, or {@code null} when it is empty after trimming or equals one of
     * {@code missingValues}.
     */
    public static String value(String cell, Set<String> missingValues) {
        String trimmed = trim(cell);
        return trimmed.isEmpty() || missingValues.contains(trimmed) ? null : trimmed;
    }

    /**
     * Joins the non-missing cells at {@code indices} of {@code fields} with one space, in the
     * order of {@code indices}. A row whose text cells are all missing gives the empty string.
     */
    public static String joinText(List<String> fields, int[] indices, Set<String> missingValues) {
        StringBuilder text = new StringBuilder();
        for (int index : indices) {
            String cell = value(fields.get(index), missingValues);
            if (cell != null) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(cell);
            }
        }
        return text.toString();
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
