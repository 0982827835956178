package dev.st4j.experiment;

import dev.st4j.classify.XgbConfig;
import dev.st4j.data.PrepareConfig;
import dev.st4j.model.EncodeOptions;
import dev.st4j.train.FineTuneConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of one experiment: which data, which base models, and how each stage runs.
 *
 * @param prepare how the input CSV becomes a prepared dataset; its output is ignored, because the
 *     experiment writes the prepared data into {@code output/data}
 * @param models base models to compare: embedded short names, folders or hub ids
 * @param fineTune whether to fine-tune each model on the training split (else stock only)
 * @param leaky whether to add, per model, a run fine-tuned on every row, test rows included, as
 *     the original tutorial did; such runs are labelled leaky in the report
 * @param training fine-tuning settings; its base model is replaced by each entry of {@code models}
 * @param maxSeqLength token limit for encoding and fine-tuning; 0 keeps each model's own
 * @param encodeBatchSize texts per forward pass when encoding
 * @param xgboost XGBoost settings
 */
public record ExperimentConfig(
        Path output,
        PrepareConfig prepare,
        List<String> models,
        boolean fineTune,
        boolean leaky,
        FineTuneConfig training,
        int maxSeqLength,
        int encodeBatchSize,
        XgbConfig xgboost,
        boolean overwrite) {

    public static final List<String> DEFAULT_MODELS = List.of(FineTuneConfig.DEFAULT_BASE_MODEL);

    /**
     * Default token limit: 128, the length of the reference recipe. The embedded models accept
     * 256 or 512, but product texts are long and fine-tuning cost grows with the length.
     */
    public static final int DEFAULT_MAX_SEQ_LENGTH = 128;

    /** Rows kept by {@link #quick()}: a stratified sample that trains in minutes on a laptop. */
    public static final int QUICK_SAMPLE = 400;

    /** Training batch size of {@link #quick()}: larger batches run faster per row on a CPU. */
    public static final int QUICK_BATCH_SIZE = 8;

    /**
     * Head learning rate of the quick preset when none is set. One epoch of a 400-row sample is
     * about 40 steps, too few for a randomly initialised head to move at the encoder's 2e-5.
     * NOTE: even at this rate, a quick run on the Amazon rows (4 Dec 2026) left the head
     * predicting the majority class for every test row. The XGBoost runs carry the result.
     */
    public static final double QUICK_HEAD_LEARNING_RATE = 1e-3;

    public ExperimentConfig {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("An experiment needs at least one model; pass"
                    + " --models, for example --models all-minilm-l6-v2");
        }
        if (maxSeqLength < 0) {
            throw new IllegalArgumentException("maxSeqLength must be 0 (each model's own) or"
                    + " positive, got " + maxSeqLength);
        }
        if (encodeBatchSize < 1) {
            throw new IllegalArgumentException("encodeBatchSize must be at least 1, got "
                    + encodeBatchSize);
        }
        if (leaky && !fineTune) {
            throw new IllegalArgumentException("--leaky measures a fine-tuned model that saw the"
                    + " test rows, so it cannot be combined with --no-finetune");
        }
    }

    /** Returns the settings with defaults for every stage, reading {@code input}. */
    public static ExperimentConfig defaults(Path input, Path output) {
        return new ExperimentConfig(
                output,
                PrepareConfig.builder().input(input).build(),
                DEFAULT_MODELS,
                true,
                false,
                FineTuneConfig.defaults(),
                DEFAULT_MAX_SEQ_LENGTH,
                EncodeOptions.DEFAULT_BATCH_SIZE,
                XgbConfig.DEFAULT,
                false);
    }

    /**
     * Returns the quick preset of these settings: a stratified sample of {@link #QUICK_SAMPLE}
     * rows (unless a sample is already set), one epoch, batch size {@link #QUICK_BATCH_SIZE}, and
     * a head learning rate of {@link #QUICK_HEAD_LEARNING_RATE} unless one is set.
     */
    public ExperimentConfig quick() {
        PrepareConfig sampled = prepare.sample() > 0
                ? prepare
                : prepare.toBuilder().sample(QUICK_SAMPLE).build();
        FineTuneConfig.Builder oneEpoch = training.toBuilder().epochs(1).batchSize(QUICK_BATCH_SIZE);
        if (training.headLearningRate() == 0) {
            oneEpoch.headLearningRate(QUICK_HEAD_LEARNING_RATE);
        }
        return new ExperimentConfig(output, sampled, models, fineTune, leaky, oneEpoch.build(),
                maxSeqLength, encodeBatchSize, xgboost, overwrite);
    }

    /** Returns the settings recorded with every run of the report. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("seed", prepare.seed());
        settings.put("test_size", prepare.testSize());
        settings.put("sample", prepare.sample());
        settings.put("group_column", prepare.groupColumn());
        settings.put("max_seq_length", maxSeqLength);
        settings.put("encode_batch_size", encodeBatchSize);
        if (fineTune) {
            settings.put("epochs", training.epochs());
            settings.put("batch_size", training.batchSize());
            settings.put("learning_rate", training.learningRate());
            settings.put("head_learning_rate", training.headLearningRate());
            settings.put("class_weights", training.classWeights());
            settings.put("warmup", training.warmup());
            settings.put("weight_decay", training.weightDecay());
            settings.put("finetune_seed", training.seed());
        }
        settings.put("xgboost_rounds", xgboost.rounds());
        settings.put("xgboost_max_depth", xgboost.maxDepth());
        settings.put("xgboost_eta", xgboost.eta());
        return settings;
    }
}
