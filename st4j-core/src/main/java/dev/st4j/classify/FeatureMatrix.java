package dev.st4j.classify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feature rows built by {@link FeatureSchema#assemble}, {@code [records, schema width]}, with
 * {@link Float#NaN} for missing values.
 *
 * @param unseenLevels categorical column name to the number of its values that were not among
 *     the training levels and so became missing. Columns without such values are absent.
 */
public record FeatureMatrix(float[][] values, Map<String, Integer> unseenLevels) {

    public FeatureMatrix {
        unseenLevels = Collections.unmodifiableMap(new LinkedHashMap<>(unseenLevels));
    }

    public int rows() {
        return values.length;
    }

    /** Returns how many categorical values, over all columns, were unseen in training. */
    public int unseenLevelCount() {
        return unseenLevels.values().stream().mapToInt(Integer::intValue).sum();
    }
}
