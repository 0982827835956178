package dev.st4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberParserTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "$237.68 |237.68",
                "$237.68|237.68",
                "$1,299.00|1299.0",
                "12.99 - 15.99|12.99",
                "$74.99 - $249.99|74.99",
                "$61.81 - $9,999.99|61.81",
                "Total price:$5.00|5.0",
                "$6.99 $ 6 . 99|6.99",
                "$24.99 $24.99|24.99",
                "0|0.0",
                "$0.00|0.0",
                "42|42.0",
                "-3.5|-3.5",
                "1e3|1000.0",
                "'\u00a0$9.99\u00a0'|9.99",
            })
    void parsesPriceForms(String text, double expected) {
        assertEquals(expected, NumberParser.parse(text));
    }

    @ParameterizedTest(name = "[{0}] -> NaN")
    @ValueSource(
            strings = {
                "",
                " ",
                "Total price:",
                "Currently unavailable.",
                "from 2 sellers",
                "$ 19 99 $39.95 #listPriceLegalMessageText { margin-left: 4px }",
                "nan",
                "NA",
                "abc",
                "1,5",
                "12.99 to",
                "$5.00 each",
                "1e999"
            })
    void rejectsEverythingElse(String text) {
        assertTrue(Double.isNaN(NumberParser.parse(text)), text);
    }

    @org.junit.jupiter.api.Test
    void nullIsMissing() {
        assertTrue(Double.isNaN(NumberParser.parse(null)));
    }
}
