package dev.st4j.classify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.st4j.data.PreparedSchema;
import dev.st4j.data.Record;
import dev.st4j.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layout of the classifier's feature vector: the numeric columns, then the categorical columns
 * (each value replaced by its level code), then the sentence embedding. Saved as
 * {@code features.json} beside the classifier so prediction rebuilds the same layout.
 *
 * <p>Missing values are {@link Float#NaN}, which XGBoost treats as missing; a real 0.0 stays 0.0.
 * Categorical levels come from the training split only, so a level first seen in the test split
 * or at prediction time becomes missing (and is counted in {@link FeatureMatrix}).
 *
 * @param textColumns source columns joined into the encoder's input text
 * @param numericColumns numeric columns, in {@link Record#numeric()} order
 * @param categoricalColumns categorical columns with their levels, in {@link Record#categorical()}
 *     order
 * @param embeddingDim width of the sentence embedding that follows the tabular columns
 */
public record FeatureSchema(
        List<String> textColumns,
        List<String> numericColumns,
        List<CategoricalColumn> categoricalColumns,
        int embeddingDim) {

    public static final String FILE_NAME = "features.json";

    /** Prefix of the embedding features' names: {@code embedding_0}, {@code embedding_1}, ... */
    public static final String EMBEDDING_PREFIX = "embedding_";

    private static final Logger LOG = LoggerFactory.getLogger(FeatureSchema.class);
    private static final int MIN_ROWS_FOR_CARDINALITY_WARNING = 20;

    /**
     * One categorical column and its levels; a level's code is its index in {@code levels}.
     *
     * @param levels the distinct non-missing training values, sorted by {@link String#compareTo}
     */
    public record CategoricalColumn(String name, List<String> levels) {
        public CategoricalColumn {
            levels = List.copyOf(levels);
        }
    }

    public FeatureSchema {
        textColumns = List.copyOf(textColumns);
        numericColumns = List.copyOf(numericColumns);
        categoricalColumns = List.copyOf(categoricalColumns);
        if (embeddingDim < 0) {
            throw new IllegalArgumentException("embeddingDim must be >= 0, got " + embeddingDim);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String name : tabularNames(numericColumns, categoricalColumns)) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("Feature column '" + name
                        + "' appears twice in the feature schema; numeric and categorical columns"
                        + " must be distinct");
            }
        }
    }

    /**
     * Rows a categorical level needs in the training split to be learned. A level seen once
     * identifies a row (most {@code model_number} values do), and XGBoost would split on it to
     * memorise training rows; such levels are treated like unseen ones, as missing.
     */
    public static final int DEFAULT_MIN_LEVEL_COUNT = 2;

    /** Learns the categorical levels with {@link #DEFAULT_MIN_LEVEL_COUNT}. */
    public static FeatureSchema fit(PreparedSchema schema, List<Record> train, int embeddingDim) {
        return fit(schema, train, embeddingDim, DEFAULT_MIN_LEVEL_COUNT);
    }

    /**
     * Learns the categorical levels from {@code train} (the training split only, so nothing about
     * the test split leaks into the features), keeping the levels seen in at least
     * {@code minLevelCount} rows.
     */
    public static FeatureSchema fit(
            PreparedSchema schema, List<Record> train, int embeddingDim, int minLevelCount) {
        if (minLevelCount < 1) {
            throw new IllegalArgumentException("minLevelCount must be at least 1, got "
                    + minLevelCount);
        }
        List<String> categorical = schema.categoricalColumns();
        List<TreeMap<String, Integer>> counts = new ArrayList<>();
        for (int c = 0; c < categorical.size(); c++) {
            counts.add(new TreeMap<>());
        }
        int[] present = new int[categorical.size()];
        for (Record record : train) {
            checkWidths(schema.numericColumns().size(), categorical.size(), record);
            for (int c = 0; c < categorical.size(); c++) {
                String value = record.categorical()[c];
                if (value != null) {
                    counts.get(c).merge(value, 1, Integer::sum);
                    present[c]++;
                }
            }
        }
        List<CategoricalColumn> columns = new ArrayList<>();
        for (int c = 0; c < categorical.size(); c++) {
            List<String> kept = new ArrayList<>();
            counts.get(c).forEach((level, count) -> {
                if (count >= minLevelCount) {
                    kept.add(level);
                }
            });
            if (kept.size() < counts.get(c).size()) {
                LOG.info("Categorical column '{}': {} of {} levels occur in fewer than {} training"
                        + " rows and are treated as missing", categorical.get(c),
                        counts.get(c).size() - kept.size(), counts.get(c).size(), minLevelCount);
            }
            columns.add(new CategoricalColumn(categorical.get(c), kept));
            warnIfNearlyUnique(categorical.get(c), counts.get(c).size(), present[c]);
        }
        return new FeatureSchema(schema.textColumns(), schema.numericColumns(), columns, embeddingDim);
    }

    /**
     * Builds the feature rows of {@code records}, whose embeddings are the rows of
     * {@code embeddings} ({@code [records, embeddingDim]}, same order).
     *
     * @throws IllegalArgumentException naming the record's row, if the counts or widths
     *     disagree, a numeric value is infinite, or an embedding value is not finite
     */
    public FeatureMatrix assemble(List<Record> records, float[][] embeddings) {
        if (records.size() != embeddings.length) {
            throw new IllegalArgumentException("Got " + records.size() + " records but "
                    + embeddings.length + " embeddings; pass one embedding per record, same order");
        }
        List<Map<String, Integer>> codes = levelCodes();
        Map<String, Integer> unseen = new LinkedHashMap<>();
        int numeric = numericColumns.size();
        int categorical = categoricalColumns.size();
        float[][] rows = new float[records.size()][];
        for (int r = 0; r < records.size(); r++) {
            Record record = records.get(r);
            checkWidths(numeric, categorical, record);
            float[] embedding = embeddings[r];
            if (embedding.length != embeddingDim) {
                throw new IllegalArgumentException("Embedding of row " + record.row() + " has "
                        + embedding.length + " values but the feature schema expects "
                        + embeddingDim + "; encode with the encoder the classifier was trained on");
            }
            float[] row = new float[width()];
            for (int c = 0; c < numeric; c++) {
                row[c] = numericValue(record, c);
            }
            for (int c = 0; c < categorical; c++) {
                String value = record.categorical()[c];
                Integer code = value == null ? null : codes.get(c).get(value);
                if (value != null && code == null) {
                    unseen.merge(categoricalColumns.get(c).name(), 1, Integer::sum);
                }
                row[numeric + c] = code == null ? Float.NaN : code;
            }
            for (int e = 0; e < embeddingDim; e++) {
                if (!Float.isFinite(embedding[e])) {
                    throw new IllegalArgumentException("Embedding of row " + record.row()
                            + " has the non-finite value " + embedding[e] + " at index " + e
                            + "; the encoder output is broken");
                }
            }
            System.arraycopy(embedding, 0, row, numeric + categorical, embeddingDim);
            rows[r] = row;
        }
        return new FeatureMatrix(rows, unseen);
    }

    /** Returns the number of features: numeric, categorical and embedding together. */
    @JsonIgnore
    public int width() {
        return numericColumns.size() + categoricalColumns.size() + embeddingDim;
    }

    /** Returns the feature names in column order, as passed to XGBoost. */
    @JsonIgnore
    public List<String> featureNames() {
        List<String> names = tabularNames(numericColumns, categoricalColumns);
        for (int e = 0; e < embeddingDim; e++) {
            names.add(EMBEDDING_PREFIX + e);
        }
        return names;
    }

    /**
     * Returns XGBoost's feature types in column order: {@code q} (quantitative) everywhere except
     * {@code c} for the categorical columns when {@code categorical} is true.
     */
    public String[] featureTypes(boolean categorical) {
        String[] types = new String[width()];
        java.util.Arrays.fill(types, "q");
        if (categorical) {
            for (int c = 0; c < categoricalColumns.size(); c++) {
                types[numericColumns.size() + c] = "c";
            }
        }
        return types;
    }

    /** Returns the source columns prediction needs: text, numeric and categorical ones. */
    @JsonIgnore
    public Set<String> requiredColumns() {
        Set<String> required = new LinkedHashSet<>(textColumns);
        required.addAll(tabularNames(numericColumns, categoricalColumns));
        return required;
    }

    /**
     * Checks that {@code available} contains every column in {@link #requiredColumns()}.
     *
     * @param source what the columns came from (a file name), for the message
     * @throws IllegalArgumentException naming the missing columns and the ones found
     */
    public void checkColumnsPresent(Collection<String> available, String source) {
        List<String> missing = new ArrayList<>();
        for (String column : requiredColumns()) {
            if (!available.contains(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + " lacks the columns " + missing
                    + " that the classifier was trained on. Expected all of " + requiredColumns()
                    + ", found " + available + ". Add the columns (empty values count as missing)");
        }
    }

    public void save(Path file, boolean overwrite) throws IOException {
        Json.write(file, this, overwrite);
    }

    public static FeatureSchema load(Path file) throws IOException {
        return Json.read(file, FeatureSchema.class);
    }

    private List<Map<String, Integer>> levelCodes() {
        List<Map<String, Integer>> codes = new ArrayList<>();
        for (CategoricalColumn column : categoricalColumns) {
            Map<String, Integer> byLevel = new java.util.HashMap<>();
            for (int i = 0; i < column.levels().size(); i++) {
                byLevel.put(column.levels().get(i), i);
            }
            codes.add(byLevel);
        }
        return codes;
    }

    private float numericValue(Record record, int column) {
        double value = record.numeric()[column];
        if (Double.isNaN(value)) {
            return Float.NaN;
        }
        float narrowed = (float) value;
        if (Float.isInfinite(narrowed)) {
            // XGBoost rejects infinite inputs, and a silent NaN would hide a parsing bug upstream.
            throw new IllegalArgumentException("Row " + record.row() + ", column '"
                    + numericColumns.get(column) + "': value " + value + " is outside the float"
                    + " range; fix the value or leave it empty so it counts as missing");
        }
        return narrowed;
    }

    /**
     * Warns about a column with about one level per row (an id-like column such as a model
     * number): trees can only memorise training rows with it, and new rows mostly bring levels
     * that were never seen, which become missing.
     */
    private static void warnIfNearlyUnique(String column, int levels, int present) {
        if (present >= MIN_ROWS_FOR_CARDINALITY_WARNING && levels > present / 2) {
            LOG.warn("Categorical column '{}' has {} levels among {} non-missing training values,"
                    + " nearly one per row, so it mostly identifies rows; consider dropping it"
                    + " from the categorical columns", column, levels, present);
        }
    }

    private static void checkWidths(int numeric, int categorical, Record record) {
        if (record.numeric().length != numeric || record.categorical().length != categorical) {
            throw new IllegalArgumentException("Row " + record.row() + " has "
                    + record.numeric().length + " numeric and " + record.categorical().length
                    + " categorical values but the schema has " + numeric + " and " + categorical
                    + "; prepare the data with the same columns");
        }
    }

    private static List<String> tabularNames(
            List<String> numericColumns, List<CategoricalColumn> categoricalColumns) {
        List<String> names = new ArrayList<>(numericColumns);
        for (CategoricalColumn column : categoricalColumns) {
            names.add(column.name());
        }
        return names;
    }
}
