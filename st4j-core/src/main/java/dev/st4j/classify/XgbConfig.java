package dev.st4j.classify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * XGBoost training settings; every default lives in {@link #DEFAULT}. Any other XGBoost
 * parameter goes into {@code extraParams} under its XGBoost name and overrides the fields.
 *
 * @param objective {@code multi:softprob} (default; probabilities per class) or
 *     {@code multi:softmax} (same trees and argmax; probabilities are recovered from margins)
 * @param maxDepth maximum tree depth
 * @param eta learning rate (shrinkage per round)
 * @param rounds number of boosting rounds
 * @param evalMetric metric logged per round on the training split
 * @param seed XGBoost's random seed
 * @param treeMethod {@code hist} is required for categorical splits
 * @param categorical whether categorical columns are typed {@code c} so XGBoost splits on sets
 *     of levels; when false their level codes are treated as numbers
 * @param threads XGBoost's {@code nthread}; 0 leaves it to XGBoost (all cores)
 * @param extraParams further XGBoost parameters by name, applied last
 */
public record XgbConfig(
        String objective,
        int maxDepth,
        double eta,
        int rounds,
        String evalMetric,
        long seed,
        String treeMethod,
        boolean categorical,
        int threads,
        Map<String, Object> extraParams) {

    public static final XgbConfig DEFAULT =
            new XgbConfig("multi:softprob", 6, 0.3, 100, "mlogloss", 42, "hist", true, 0, Map.of());

    static final String SOFTPROB = "multi:softprob";
    static final String SOFTMAX = "multi:softmax";
    private static final Set<String> OBJECTIVES = Set.of(SOFTPROB, SOFTMAX);

    public XgbConfig {
        extraParams = Map.copyOf(extraParams);
        if (maxDepth < 0) {
            throw new IllegalArgumentException("max_depth must be >= 0, got " + maxDepth);
        }
        if (!(eta > 0)) {
            throw new IllegalArgumentException("eta must be > 0, got " + eta);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = XGBoost's default), got "
                    + threads);
        }
        if (extraParams.containsKey("num_class")) {
            throw new IllegalArgumentException("num_class is set from the label map and cannot be"
                    + " overridden; remove it from the extra parameters");
        }
    }

    /**
     * Returns the XGBoost parameter map for {@code numClasses} classes: the fields, then
     * {@code extraParams} on top.
     *
     * @throws IllegalArgumentException if the resulting objective is not a multi-class one this
     *     classifier can turn into probabilities
     */
    public Map<String, Object> params(int numClasses) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", objective);
        params.put("num_class", numClasses);
        params.put("max_depth", maxDepth);
        params.put("eta", eta);
        params.put("eval_metric", evalMetric);
        params.put("seed", seed);
        params.put("tree_method", treeMethod);
        if (threads > 0) {
            params.put("nthread", threads);
        }
        params.putAll(extraParams);
        Object resolved = params.get("objective");
        if (!OBJECTIVES.contains(String.valueOf(resolved))) {
            throw new IllegalArgumentException("XGBoost objective '" + resolved + "' is not supported"
                    + " here; use one of " + OBJECTIVES + " (multi-class with per-class output)");
        }
        return params;
    }

    /** Returns the settings to record in a manifest: the parameters plus rounds and typing. */
    public Map<String, Object> settings(int numClasses) {
        Map<String, Object> settings = new LinkedHashMap<>(params(numClasses));
        settings.put("rounds", rounds);
        settings.put("categorical", categorical);
        return settings;
    }

    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builder that starts from {@link #DEFAULT} (or from an existing config). */
    public static final class Builder {
        private String objective;
        private int maxDepth;
        private double eta;
        private int rounds;
        private String evalMetric;
        private long seed;
        private String treeMethod;
        private boolean categorical;
        private int threads;
        private final Map<String, Object> extraParams;

        private Builder(XgbConfig start) {
            objective = start.objective;
            maxDepth = start.maxDepth;
            eta = start.eta;
            rounds = start.rounds;
            evalMetric = start.evalMetric;
            seed = start.seed;
            treeMethod = start.treeMethod;
            categorical = start.categorical;
            threads = start.threads;
            extraParams = new LinkedHashMap<>(start.extraParams);
        }

        public Builder objective(String value) {
            objective = value;
            return this;
        }

        public Builder maxDepth(int value) {
            maxDepth = value;
            return this;
        }

        public Builder eta(double value) {
            eta = value;
            return this;
        }

        public Builder rounds(int value) {
            rounds = value;
            return this;
        }

        public Builder evalMetric(String value) {
            evalMetric = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder treeMethod(String value) {
            treeMethod = value;
            return this;
        }

        public Builder categorical(boolean value) {
            categorical = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /** Sets any XGBoost parameter by its XGBoost name; it overrides the named fields. */
        public Builder param(String name, Object value) {
            extraParams.put(name, value);
            return this;
        }

        public XgbConfig build() {
            return new XgbConfig(objective, maxDepth, eta, rounds, evalMetric, seed, treeMethod,
                    categorical, threads, extraParams);
        }
    }
}
