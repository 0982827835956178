package dev.st4j.data;

import java.util.Arrays;

/**
 * One prepared product: its text, its label and its tabular features.
 *
 * @param row 1-based data row in the source file (the header is not counted), for error messages
 * @param id stable record id, the {@code uniq_id} column where there is one, else the row number
 * @param text the text the encoder sees: the configured text columns joined by a space
 * @param label the label name (already extracted and trimmed), never empty
 * @param numeric values of the numeric columns in {@link PreparedSchema#numericColumns()} order;
 *     {@link Double#NaN} means missing, and 0.0 is a real zero
 * @param categorical values of the categorical columns in {@link PreparedSchema#categoricalColumns()}
 *     order; {@code null} means missing
 * @param group the group key for group-aware splits, or {@code null}
 */
public record Record(
        long row, String id, String text, String label, double[] numeric, String[] categorical, String group) {

    @Override
    public boolean equals(Object other) {
        return other instanceof Record r
                && row == r.row
                && id.equals(r.id)
                && text.equals(r.text)
                && label.equals(r.label)
                && Arrays.equals(numeric, r.numeric)
                && Arrays.equals(categorical, r.categorical)
                && java.util.Objects.equals(group, r.group);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(row, id, text, label, Arrays.hashCode(numeric), Arrays.hashCode(categorical), group);
    }

    @Override
    public String toString() {
        return "Record[row=" + row + ", id=" + id + ", label=" + label + "]";
    }
}
