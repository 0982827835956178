package dev.st4j.train;

import dev.st4j.io.Json;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of one fine-tuning run: a sentence transformer plus a linear classification head,
 * trained with cross-entropy and AdamW under a linear learning-rate schedule. This record owns
 * every default; the CLI and the builder read them from {@link #defaults()}.
 *
 * @param baseModel name or folder of the base encoder, recorded for provenance and resume
 * @param epochs passes over the training records
 * @param learningRate peak learning rate of the linear schedule
 * @param headLearningRate peak learning rate of the classification head; 0 uses {@code
 *     learningRate}. A higher rate lets the freshly initialised head catch up with the pretrained
 *     encoder.
 * @param batchSize records per optimiser step
 * @param maxSeqLength tokens per text after truncation; 0 takes the model's own maximum
 * @param weightDecay decoupled AdamW weight decay, not applied to biases and LayerNorm weights
 * @param maxGradNorm global L2 norm the gradients are clipped to; 0 turns clipping off
 * @param warmup warm-up length: a whole number of steps when at least 1, else a fraction of all
 *     steps (rounded up); 0 means no warm-up
 * @param seed master seed of shuffling, dropout, head initialisation and the validation split
 * @param dropout dropout probability applied to the sentence embedding before the head
 * @param classWeights whether the loss weights each class by its inverse training frequency
 * @param labelSmoothing label-smoothing factor in [0, 1)
 * @param logEvery optimiser steps between logged (averaged) losses
 * @param groupByLength whether batches are built from records of similar token length
 * @param validationFraction share of the training records held out (stratified) to score each
 *     epoch; 0 turns validation off
 * @param earlyStoppingPatience epochs without a better validation macro-F1 before the run stops; 0
 *     turns early stopping off
 * @param keepCheckpoints epoch checkpoints kept on disk (the newest ones, plus the best one); 0
 *     keeps all
 * @param adamBeta1 AdamW decay rate of the first moment
 * @param adamBeta2 AdamW decay rate of the second moment
 * @param adamEpsilon AdamW term added to the root of the second moment
 * @param includeTestRows whether the training records include the prepared test split. Such a run
 *     is recorded as leaky, because its model has seen the rows it is later scored on.
 * @param resume whether to continue the run in the output folder from its newest checkpoint
 * @param overwrite whether an existing run in the output folder may be replaced
 */
public record FineTuneConfig(
        String baseModel,
        int epochs,
        double learningRate,
        double headLearningRate,
        int batchSize,
        int maxSeqLength,
        double weightDecay,
        double maxGradNorm,
        double warmup,
        long seed,
        double dropout,
        boolean classWeights,
        double labelSmoothing,
        int logEvery,
        boolean groupByLength,
        double validationFraction,
        int earlyStoppingPatience,
        int keepCheckpoints,
        double adamBeta1,
        double adamBeta2,
        double adamEpsilon,
        boolean includeTestRows,
        boolean resume,
        boolean overwrite) {

    public static final String DEFAULT_BASE_MODEL = "all-minilm-l6-v2";
    // Defaults of every setting, read by the builder and the CLI's help. Dropout 0.1 and the Adam
    // betas and epsilon are Hugging Face's sequence-classification defaults.
    public static final int DEFAULT_EPOCHS = 5;
    public static final double DEFAULT_LEARNING_RATE = 2e-5;
    public static final double DEFAULT_HEAD_LEARNING_RATE = 0;
    public static final int DEFAULT_BATCH_SIZE = 2;
    public static final int DEFAULT_MAX_SEQ_LENGTH = 0;
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;
    public static final double DEFAULT_MAX_GRAD_NORM = 1.0;
    public static final double DEFAULT_WARMUP = 0;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_DROPOUT = 0.1;
    public static final boolean DEFAULT_CLASS_WEIGHTS = false;
    public static final double DEFAULT_LABEL_SMOOTHING = 0;
    public static final int DEFAULT_LOG_EVERY = 10;
    public static final boolean DEFAULT_GROUP_BY_LENGTH = false;
    public static final double DEFAULT_VALIDATION_FRACTION = 0;
    public static final int DEFAULT_EARLY_STOPPING_PATIENCE = 0;
    public static final int DEFAULT_KEEP_CHECKPOINTS = 0;
    public static final double DEFAULT_ADAM_BETA1 = 0.9;
    public static final double DEFAULT_ADAM_BETA2 = 0.999;
    public static final double DEFAULT_ADAM_EPSILON = 1e-8;

    public FineTuneConfig {
        requireAtLeast("epochs", epochs, 1);
        requirePositive("learningRate", learningRate);
        requireRange("headLearningRate", headLearningRate, 0, Double.MAX_VALUE);
        requireAtLeast("batchSize", batchSize, 1);
        requireAtLeast("maxSeqLength", maxSeqLength, 0);
        requireRange("weightDecay", weightDecay, 0, Double.MAX_VALUE);
        requireRange("maxGradNorm", maxGradNorm, 0, Double.MAX_VALUE);
        requireRange("warmup", warmup, 0, Double.MAX_VALUE);
        if (warmup >= 1 && warmup != Math.rint(warmup)) {
            throw new IllegalArgumentException(
                    "warmup "
                            + warmup
                            + " is neither a fraction below"
                            + " 1 nor a whole number of steps; pass e.g. 0.1 or 100");
        }
        requireRange("dropout", dropout, 0, 0.999);
        requireRange("labelSmoothing", labelSmoothing, 0, 0.999);
        requireAtLeast("logEvery", logEvery, 1);
        requireRange("validationFraction", validationFraction, 0, 0.9);
        requireAtLeast("earlyStoppingPatience", earlyStoppingPatience, 0);
        if (earlyStoppingPatience > 0 && validationFraction == 0) {
            throw new IllegalArgumentException(
                    "earlyStoppingPatience "
                            + earlyStoppingPatience
                            + " needs a validation split; set validationFraction (e.g. 0.1)");
        }
        requireAtLeast("keepCheckpoints", keepCheckpoints, 0);
        requireRange("adamBeta1", adamBeta1, 0, 0.999999);
        requireRange("adamBeta2", adamBeta2, 0, 0.999999);
        requirePositive("adamEpsilon", adamEpsilon);
        if (baseModel == null || baseModel.isBlank()) {
            throw new IllegalArgumentException("baseModel is empty; name a model or a folder");
        }
    }

    /** Returns the default settings, which are the initial values of {@link Builder}. */
    public static FineTuneConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Returns the config that {@code settings} (as written by {@link #allSettings}) describes;
     * settings missing from the map take their defaults and unknown names are ignored.
     */
    public static FineTuneConfig fromSettings(Map<String, Object> settings) {
        Map<String, Object> merged = defaults().allSettings();
        merged.putAll(settings);
        return Json.MAPPER.convertValue(merged, FineTuneConfig.class);
    }

    /** Returns the head's peak learning rate divided by the encoder's. */
    public double headLearningRateFactor() {
        return headLearningRate == 0 ? 1 : headLearningRate / learningRate;
    }

    /** Returns the warm-up in steps for a run of {@code totalSteps} optimiser steps. */
    public int warmupSteps(int totalSteps) {
        if (warmup >= 1) {
            return (int) warmup;
        }
        return (int) Math.ceil(warmup * totalSteps);
    }

    /**
     * Returns the settings that shape the loss curve, by name. Resuming compares them with the
     * interrupted run's, so run-management flags ({@code resume}, {@code overwrite}, {@code
     * keepCheckpoints}, {@code logEvery}) are left out.
     */
    public Map<String, Object> trainingSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("baseModel", baseModel);
        settings.put("epochs", epochs);
        settings.put("learningRate", learningRate);
        settings.put("headLearningRate", headLearningRate);
        settings.put("batchSize", batchSize);
        settings.put("maxSeqLength", maxSeqLength);
        settings.put("weightDecay", weightDecay);
        settings.put("maxGradNorm", maxGradNorm);
        settings.put("warmup", warmup);
        settings.put("seed", seed);
        settings.put("dropout", dropout);
        settings.put("classWeights", classWeights);
        settings.put("labelSmoothing", labelSmoothing);
        settings.put("groupByLength", groupByLength);
        settings.put("validationFraction", validationFraction);
        settings.put("earlyStoppingPatience", earlyStoppingPatience);
        settings.put("adamBeta1", adamBeta1);
        settings.put("adamBeta2", adamBeta2);
        settings.put("adamEpsilon", adamEpsilon);
        settings.put("includeTestRows", includeTestRows);
        return settings;
    }

    /** Returns every setting by name, as saved in the run's manifest. */
    public Map<String, Object> allSettings() {
        Map<String, Object> settings = trainingSettings();
        settings.put("logEvery", logEvery);
        settings.put("keepCheckpoints", keepCheckpoints);
        settings.put("resume", resume);
        settings.put("overwrite", overwrite);
        return settings;
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    "Invalid " + words(name) + " " + value + ": must be at least " + min);
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    "Invalid " + words(name) + " " + value + ": must be a positive number");
        }
    }

    private static void requireRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            String range = max == Double.MAX_VALUE
                    ? "must be at least " + min
                    : "must be between " + min + " and " + max;
            throw new IllegalArgumentException(
                    "Invalid " + words(name) + " " + value + ": " + range);
        }
    }

    /** Turns a setting's camel-case name into lower-case words: maxSeqLength -> max seq length. */
    private static String words(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** Mutable builder over a starting config; each setter replaces one setting. */
    public static final class Builder {
        private String baseModel = DEFAULT_BASE_MODEL;
        private int epochs = DEFAULT_EPOCHS;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private double headLearningRate = DEFAULT_HEAD_LEARNING_RATE;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int maxSeqLength = DEFAULT_MAX_SEQ_LENGTH;
        private double weightDecay = DEFAULT_WEIGHT_DECAY;
        private double maxGradNorm = DEFAULT_MAX_GRAD_NORM;
        private double warmup = DEFAULT_WARMUP;
        private long seed = DEFAULT_SEED;
        private double dropout = DEFAULT_DROPOUT;
        private boolean classWeights = DEFAULT_CLASS_WEIGHTS;
        private double labelSmoothing = DEFAULT_LABEL_SMOOTHING;
        private int logEvery = DEFAULT_LOG_EVERY;
        private boolean groupByLength = DEFAULT_GROUP_BY_LENGTH;
        private double validationFraction = DEFAULT_VALIDATION_FRACTION;
        private int earlyStoppingPatience = DEFAULT_EARLY_STOPPING_PATIENCE;
        private int keepCheckpoints = DEFAULT_KEEP_CHECKPOINTS;
        private double adamBeta1 = DEFAULT_ADAM_BETA1;
        private double adamBeta2 = DEFAULT_ADAM_BETA2;
        private double adamEpsilon = DEFAULT_ADAM_EPSILON;
        private boolean includeTestRows = false;
        private boolean resume = false;
        private boolean overwrite = false;

        private Builder() {}

        private Builder(FineTuneConfig c) {
            baseModel = c.baseModel;
            epochs = c.epochs;
            learningRate = c.learningRate;
            headLearningRate = c.headLearningRate;
            batchSize = c.batchSize;
            maxSeqLength = c.maxSeqLength;
            weightDecay = c.weightDecay;
            maxGradNorm = c.maxGradNorm;
            warmup = c.warmup;
            seed = c.seed;
            dropout = c.dropout;
            classWeights = c.classWeights;
            labelSmoothing = c.labelSmoothing;
            logEvery = c.logEvery;
            groupByLength = c.groupByLength;
            validationFraction = c.validationFraction;
            earlyStoppingPatience = c.earlyStoppingPatience;
            keepCheckpoints = c.keepCheckpoints;
            adamBeta1 = c.adamBeta1;
            adamBeta2 = c.adamBeta2;
            adamEpsilon = c.adamEpsilon;
            includeTestRows = c.includeTestRows;
            resume = c.resume;
            overwrite = c.overwrite;
        }

        public Builder baseModel(String v) { baseModel = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder headLearningRate(double v) { headLearningRate = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder maxSeqLength(int v) { maxSeqLength = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }
        public Builder warmup(double v) { warmup = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder dropout(double v) { dropout = v; return this; }
        public Builder classWeights(boolean v) { classWeights = v; return this; }
        public Builder labelSmoothing(double v) { labelSmoothing = v; return this; }
        public Builder logEvery(int v) { logEvery = v; return this; }
        public Builder groupByLength(boolean v) { groupByLength = v; return this; }
        public Builder validationFraction(double v) { validationFraction = v; return this; }
        public Builder earlyStoppingPatience(int v) { earlyStoppingPatience = v; return this; }
        public Builder keepCheckpoints(int v) { keepCheckpoints = v; return this; }
        public Builder adamBeta1(double v) { adamBeta1 = v; return this; }
        public Builder adamBeta2(double v) { adamBeta2 = v; return this; }
        public Builder adamEpsilon(double v) { adamEpsilon = v; return this; }
        public Builder includeTestRows(boolean v) { includeTestRows = v; return this; }
        public Builder resume(boolean v) { resume = v; return this; }
        public Builder overwrite(boolean v) { overwrite = v; return this; }

        public FineTuneConfig build() {
            return new FineTuneConfig(
                    baseModel,
                    epochs,
                    learningRate,
                    headLearningRate,
                    batchSize,
                    maxSeqLength,
                    weightDecay,
                    maxGradNorm,
                    warmup,
                    seed,
                    dropout,
                    classWeights,
                    labelSmoothing,
                    logEvery,
                    groupByLength,
                    validationFraction,
                    earlyStoppingPatience,
                    keepCheckpoints,
                    adamBeta1,
                    adamBeta2,
                    adamEpsilon,
                    includeTestRows,
                    resume,
                    overwrite);
        }
    }
}
