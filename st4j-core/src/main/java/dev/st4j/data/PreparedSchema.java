package dev.st4j.data;

import java.util.List;

/**
 * Column layout of a prepared dataset: which source columns made the text, the label and the
 * tabular features.
 *
 * @param labelLevel 1-based segment of the {@code |}-separated label column that is the label
 */
public record PreparedSchema(
        List<String> textColumns,
        String labelColumn,
        int labelLevel,
        List<String> numericColumns,
        List<String> categoricalColumns,
        String groupColumn) {

    public PreparedSchema {
        textColumns = List.copyOf(textColumns);
        numericColumns = List.copyOf(numericColumns);
        categoricalColumns = List.copyOf(categoricalColumns);
    }
}
