package dev.st4j.data;

/** Helpers for raw cell text. */
final class Cells {

    private Cells() {}

    /**
     * Removes leading and trailing whitespace, counting the no-break space (U+00A0) and other
     * Unicode space separators, which {@link String#strip()} keeps.
     */
    static String trim(String text) {
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

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
