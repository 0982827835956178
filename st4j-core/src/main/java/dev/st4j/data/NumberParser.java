package dev.st4j.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses numeric cells, including the price texts of scraped product data.
 *
 * <p>Accepted forms, after trimming: a plain number ({@code 12}, {@code -0.5}, {@code 1e3}); a
 * number with a {@code $} sign and thousands commas ({@code $1,299.00}); either of those after a
 * label ending in a colon ({@code Total price:$5.00}); a range ({@code 12.99 - 15.99}, {@code
 * $74.99 - $249.99}), which gives its lower bound because the lowest offer is the price a buyer can
 * pay; and a price followed by a space and a repeat of itself ({@code $6.99 $ 6 . 99}), which gives
 * the first price. Every other text, such as {@code Total price:} with the value cut off or {@code
 * $ 19 99 $39.95 ...}, gives {@link Double#NaN}, never 0.
 */
public final class NumberParser {

    private static final String NUMBER =
            "(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|\\.\\d+";
    private static final String PRICE = "([-+]?)\\$?(" + NUMBER + ")";
    private static final Pattern FORM =
            Pattern.compile(
                    "(?:\\p{L}[\\p{L} ]*:\\s*)?"
                            + PRICE
                            + "(?:\\s*-\\s*\\$?(?:"
                            + NUMBER
                            + ")|\\s+\\$.*)?",
                    Pattern.DOTALL);

    private NumberParser() {}

    /** Returns the number in {@code text}, or NaN for null, blank and unrecognised texts. */
    public static double parse(String text) {
        if (text == null) {
            return Double.NaN;
        }
        Matcher matcher = FORM.matcher(Cells.trim(text));
        if (!matcher.matches()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(matcher.group(2).replace(",", ""));
        if ("-".equals(matcher.group(1))) {
            value = -value;
        }
        return Double.isFinite(value) ? value : Double.NaN;
    }
}
