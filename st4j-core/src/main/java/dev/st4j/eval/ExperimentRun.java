package dev.st4j.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of an experiment: an encoder (stock or fine-tuned), a classifier over its embeddings,
 * and the scores on the held-out split. Written to {@code metrics.json} with snake_case keys.
 *
 * @param model the base encoder's name
 * @param fineTuned whether the encoder was fine-tuned before embedding
 * @param leaky whether fine-tuning saw rows that are also in the test split, which makes the
 *     scores optimistic
 * @param classifier what predicted the labels: {@link #XGBOOST} or {@link #HEAD} (the
 *     fine-tuning classification head)
 * @param timings stage name ({@link #ENCODE}, {@link #FINETUNE}, {@link #XGBOOST}) to seconds
 * @param truncatedShare share of the texts, 0..1, that were longer than the encoder's max
 *     sequence length and so were cut
 * @param settings the run's settings as recorded for the report, with the seed under
 *     {@code seed}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExperimentRun(
        String model,
        boolean fineTuned,
        boolean leaky,
        String classifier,
        double accuracy,
        double macroF1,
        double weightedF1,
        int testRows,
        int trainRows,
        Map<String, Double> timings,
        double truncatedShare,
        Map<String, Object> settings,
        EvaluationResult evaluation) {

    public static final String XGBOOST = "xgboost";
    public static final String HEAD = "head";
    public static final String ENCODE = "encode";
    public static final String FINETUNE = "finetune";

    public ExperimentRun {
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * Returns a short display name, such as {@code all-minilm-l6-v2 fine-tuned (leaky)}, with
     * the classifier appended when it is not XGBoost.
     */
    @JsonIgnore
    public String displayName() {
        StringBuilder name = new StringBuilder(model).append(fineTuned ? " fine-tuned" : " stock");
        if (leaky) {
            name.append(" (leaky)");
        }
        if (!XGBOOST.equals(classifier)) {
            name.append(" [").append(classifier).append(']');
        }
        return name.toString();
    }

    /** Starts a run of {@code model} scored by {@code evaluation}; scores are copied from it. */
    public static Builder builder(String model, EvaluationResult evaluation) {
        return new Builder(model, evaluation);
    }

    /** Builder whose defaults are: stock, not leaky, XGBoost, no timings, no settings. */
    public static final class Builder {
        private final String model;
        private final EvaluationResult evaluation;
        private boolean fineTuned;
        private boolean leaky;
        private String classifier = XGBOOST;
        private int trainRows;
        private double truncatedShare;
        private final Map<String, Double> timings = new LinkedHashMap<>();
        private final Map<String, Object> settings = new LinkedHashMap<>();

        private Builder(String model, EvaluationResult evaluation) {
            this.model = model;
            this.evaluation = evaluation;
        }

        public Builder fineTuned(boolean value) {
            fineTuned = value;
            return this;
        }

        public Builder leaky(boolean value) {
            leaky = value;
            return this;
        }

        public Builder classifier(String value) {
            classifier = value;
            return this;
        }

        public Builder trainRows(int value) {
            trainRows = value;
            return this;
        }

        public Builder truncatedShare(double value) {
            truncatedShare = value;
            return this;
        }

        /** Records the seconds a stage took, such as {@link #ENCODE}. */
        public Builder timing(String stage, double seconds) {
            timings.put(stage, seconds);
            return this;
        }

        public Builder setting(String name, Object value) {
            settings.put(name, value);
            return this;
        }

        public Builder settings(Map<String, ?> values) {
            settings.putAll(values);
            return this;
        }

        public ExperimentRun build() {
            ClassificationMetrics metrics = evaluation.metrics();
            return new ExperimentRun(model, fineTuned, leaky, classifier, metrics.accuracy(),
                    metrics.macroF1(), metrics.weightedF1(), metrics.total(), trainRows, timings,
                    truncatedShare, settings, evaluation);
        }
    }
}
