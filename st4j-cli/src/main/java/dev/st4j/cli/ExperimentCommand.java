package dev.st4j.cli;

import dev.st4j.classify.XgbConfig;
import dev.st4j.data.PrepareConfig;
import dev.st4j.eval.ExperimentReport;
import dev.st4j.eval.ExperimentRun;
import dev.st4j.experiment.Experiment;
import dev.st4j.experiment.ExperimentConfig;
import dev.st4j.model.EncodeOptions;
import dev.st4j.train.ConsoleProgressListener;
import dev.st4j.train.FineTuneConfig;
import dev.st4j.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code st4j experiment}: stock against fine-tuned encoders, scored with XGBoost, in one run. */
@Command(
        name = "experiment",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Prepare a product CSV once, then for each model: stock embeddings -> XGBoost,"
                    + " fine-tune on the training split -> embeddings -> XGBoost (and the"
                    + " fine-tuned head on its own).",
            "Writes metrics.json, report.md, accuracy.png and loss.png into the output folder."
        })
final class ExperimentCommand implements Callable<Integer> {

    /** The shipped Amazon rows, relative to the st4j folder, read when no input is given. */
    static final String DEFAULT_INPUT =
            "datasets/amazon-2020-first1999/"
                    + "marketing_sample_for_amazon_com-ecommerce__20200101_20200131__10k_data"
                    + ".first1999rows.csv.gz";

    @Spec CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Folder for the data, models, classifiers and report.")
    Path output;

    @Mixin PrepareOptions prepareOptions;

    @Option(names = "--models", split = ",", paramLabel = "MODEL",
            description = "Base models: embedded names (all-minilm-l6-v2, bge-small-en-v1.5,"
                    + " e5-small-v2), folders or hub ids. Default: all-minilm-l6-v2.")
    List<String> models = ExperimentConfig.DEFAULT_MODELS;

    @Option(names = "--no-finetune", description = "Score the stock embeddings only.")
    boolean noFineTune;

    @Option(names = "--leaky",
            description = "Also fine-tune on every row, test rows included (the original"
                    + " tutorial's protocol), to measure the leak; reported as leaky.")
    boolean leaky;

    @Option(names = "--quick",
            description = "Preset for a first result in minutes: a stratified sample of "
                    + ExperimentConfig.QUICK_SAMPLE + " rows (unless --sample is given), 1 epoch,"
                    + " batch size " + ExperimentConfig.QUICK_BATCH_SIZE + ", head learning rate "
                    + ExperimentConfig.QUICK_HEAD_LEARNING_RATE + " (unless --head-lr is given).")
    boolean quick;

    @Option(names = "--epochs", paramLabel = "N", description = "Fine-tuning epochs. Default: "
            + FineTuneConfig.DEFAULT_EPOCHS + ".")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Fine-tuning batch size. Default: "
            + FineTuneConfig.DEFAULT_BATCH_SIZE + ".")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Peak learning rate of AdamW. Default: "
            + FineTuneConfig.DEFAULT_LEARNING_RATE + ".")
    Double learningRate;

    @Option(names = "--head-lr", paramLabel = "RATE",
            description = "Peak learning rate of the classification head;"
            + " 0 uses --lr. Default: " + FineTuneConfig.DEFAULT_HEAD_LEARNING_RATE + ".")
    Double headLearningRate;

    @Option(names = "--class-weights",
            description = "Weight the loss of each class by its inverse training frequency.")
    boolean classWeights;

    @Option(names = "--warmup", paramLabel = "STEPS_OR_SHARE",
            description = "Warm-up: steps, or a share of all steps when"
            + " below 1. Default: " + FineTuneConfig.DEFAULT_WARMUP + ".")
    Double warmup;

    @Option(names = "--group-by-length",
            description = "Batch fine-tuning texts of similar token length to cut padding.")
    boolean groupByLength;

    @Option(names = "--max-seq-length", paramLabel = "N",
            description = "Token limit for encoding and fine-tuning;"
            + " 0 keeps each model's own. Default: "
            + ExperimentConfig.DEFAULT_MAX_SEQ_LENGTH + ".")
    int maxSeqLength = ExperimentConfig.DEFAULT_MAX_SEQ_LENGTH;

    @Option(names = "--encode-batch-size", paramLabel = "N",
            description = "Texts per forward pass when encoding."
            + " Default: " + EncodeOptions.DEFAULT_BATCH_SIZE + ".")
    int encodeBatchSize = EncodeOptions.DEFAULT_BATCH_SIZE;

    @Option(names = "--xgb-rounds", paramLabel = "N",
            description = "XGBoost boosting rounds. Default: 100.")
    Integer xgbRounds;

    @Option(names = "--xgb-max-depth", paramLabel = "N",
            description = "XGBoost max_depth. Default: 6.")
    Integer xgbMaxDepth;

    @Option(names = "--xgb-eta", paramLabel = "RATE",
            description = "XGBoost eta (learning rate). Default: 0.3.")
    Double xgbEta;

    @Option(names = "--no-progress", description = "Hide the encoding and fine-tuning progress"
            + " bars; they are also hidden when the output is not a terminal.")
    boolean noProgress;

    @Option(names = "--overwrite", description = "Replace an earlier experiment in --output.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig config = buildConfig();
        // Without a terminal (output redirected to a file, CI), bars would fill the log with
        // carriage-return redraws, so they are off there.
        boolean progress = !noProgress && System.console() != null;
        TrainingListener[] listeners = !progress
                ? new TrainingListener[0]
                : new TrainingListener[] {new ConsoleProgressListener(System.err)};
        List<ExperimentRun> runs = Experiment.run(config, progress, listeners);

        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-28s %-10s %-6s %-8s %9s %9s%n", "model", "encoder", "leaky", "classifier",
                "accuracy", "macro-F1");
        for (ExperimentRun run : runs) {
            out.printf("%-28s %-10s %-6s %-8s %9.4f %9.4f%n", run.model(),
                    run.fineTuned() ? "fine-tuned" : "stock", run.leaky() ? "yes" : "no",
                    run.classifier(), run.accuracy(), run.macroF1());
        }
        out.println("Report: " + output.resolve(ExperimentReport.REPORT_FILE));
        return 0;
    }

    private ExperimentConfig buildConfig() throws Exception {
        PrepareConfig.Builder prepare = prepareOptions.toBuilder();
        if (prepareOptions.input == null && prepareOptions.config == null) {
            prepare.input(defaultInput());
        }
        FineTuneConfig.Builder training = FineTuneConfig.builder();
        if (epochs != null) training.epochs(epochs);
        if (batchSize != null) training.batchSize(batchSize);
        if (learningRate != null) training.learningRate(learningRate);
        if (headLearningRate != null) training.headLearningRate(headLearningRate);
        if (warmup != null) training.warmup(warmup);
        training.groupByLength(groupByLength);
        training.classWeights(classWeights);
        XgbConfig.Builder xgboost = XgbConfig.builder();
        if (xgbRounds != null) xgboost.rounds(xgbRounds);
        if (xgbMaxDepth != null) xgboost.maxDepth(xgbMaxDepth);
        if (xgbEta != null) xgboost.eta(xgbEta);

        ExperimentConfig config = new ExperimentConfig(output, prepare.build(), models, !noFineTune,
                leaky, training.build(), maxSeqLength, encodeBatchSize, xgboost.build(), overwrite);
        if (quick) {
            config = config.quick();
            // Options given explicitly win over the preset.
            FineTuneConfig.Builder explicit = config.training().toBuilder();
            if (epochs != null) explicit.epochs(epochs);
            if (batchSize != null) explicit.batchSize(batchSize);
            if (headLearningRate != null) explicit.headLearningRate(headLearningRate);
            config = new ExperimentConfig(config.output(), config.prepare(), config.models(),
                    config.fineTune(), config.leaky(), explicit.build(), config.maxSeqLength(),
                    config.encodeBatchSize(), config.xgboost(), config.overwrite());
        }
        return config;
    }

    private static Path defaultInput() {
        String home = System.getenv().getOrDefault("ST4J_HOME", ".");
        Path input = Path.of(home).resolve(DEFAULT_INPUT);
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("No --input given and the shipped Amazon rows are"
                    + " not at " + input + "; pass --input FILE.csv or run from the st4j folder");
        }
        return input;
    }
}
