package dev.st4j.classify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provenance a classifier's manifest records beyond the classifier itself: the encoder its
 * embedding columns came from, and the run's settings and inputs (dataset checksum, split seed).
 *
 * @param settings extra settings written under {@code settings} in the manifest
 * @param inputs extra input name to SHA-256 (or another stable identity) entries
 */
public record ClassifierManifestInfo(
        EncoderReference encoder, Map<String, Object> settings, Map<String, String> inputs) {

    /**
     * Settings key of the cell texts that meant a missing value when the training data was
     * prepared (a list of strings), so prediction reads new rows the same way.
     */
    public static final String MISSING_VALUES_KEY = "missing_values";

    public ClassifierManifestInfo {
        if (encoder == null) {
            throw new IllegalArgumentException("A classifier manifest needs the encoder reference");
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    public static ClassifierManifestInfo of(EncoderReference encoder) {
        return new ClassifierManifestInfo(encoder, Map.of(), Map.of());
    }

    /** Returns the missing-value texts under {@link #MISSING_VALUES_KEY}, or none. */
    public List<String> missingValues() {
        Object value = settings.get(MISSING_VALUES_KEY);
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }
}
