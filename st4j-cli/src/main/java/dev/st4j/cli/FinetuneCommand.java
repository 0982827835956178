package dev.st4j.cli;

import dev.st4j.data.PreparedDataset;
import dev.st4j.data.Record;
import dev.st4j.model.ModelResolver;
import dev.st4j.model.SentenceTransformer;
import dev.st4j.train.ConsoleProgressListener;
import dev.st4j.train.FineTuneConfig;
import dev.st4j.train.FineTuneResult;
import dev.st4j.train.FineTuner;
import dev.st4j.train.MetricsFileListener;
import dev.st4j.train.TrainingListener;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code st4j finetune}: fine-tunes a sentence transformer with a classification head on the
 * training split of a prepared dataset. Options left out take the {@link FineTuneConfig} default,
 * or with {@code --resume} the interrupted run's saved value.
 */
@Command(
        name = "finetune",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Fine-tune a sentence transformer with a linear classification head on the training"
                    + " split of a prepared dataset (the test split is never read).",
            "Writes OUTPUT/model (sentence-transformers folder), OUTPUT/head, OUTPUT/metrics.jsonl,"
                    + " OUTPUT/st4j-manifest.json and a checkpoint per epoch in OUTPUT/checkpoints."
        })
final class FinetuneCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--model",
            paramLabel = "NAME|PATH",
            description =
                    "Base model: a known name, a Hugging Face id or a folder. Default: "
                            + FineTuneConfig.DEFAULT_BASE_MODEL
                            + ".")
    String model;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            required = true,
            description = "Prepared dataset folder written by 'st4j prepare'.")
    Path data;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            required = true,
            description = "Run folder to write.")
    Path output;

    @Option(
            names = "--epochs", paramLabel = "N",
            description =
                    "Passes over the training records. Default: "
                            + FineTuneConfig.DEFAULT_EPOCHS
                            + ".")
    Integer epochs;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description =
                    "Records per optimiser step."
                            + " Default: "
                            + FineTuneConfig.DEFAULT_BATCH_SIZE
                            + ".")
    Integer batchSize;

    @Option(
            names = "--lr",
            paramLabel = "RATE",
            description =
                    "Peak learning rate. Default: " + FineTuneConfig.DEFAULT_LEARNING_RATE + ".")
    Double learningRate;

    @Option(
            names = "--head-lr",
            paramLabel = "RATE",
            description =
                    "Peak learning rate of the"
                            + " classification head; 0 uses --lr. Default: "
                            + FineTuneConfig.DEFAULT_HEAD_LEARNING_RATE
                            + ".")
    Double headLearningRate;

    @Option(
            names = "--warmup",
            paramLabel = "STEPS|RATIO",
            description =
                    "Linear warm-up: a number of"
                            + " steps, or a fraction of all steps when below 1. Default: "
                            + FineTuneConfig.DEFAULT_WARMUP
                            + ".")
    Double warmup;

    @Option(
            names = "--weight-decay",
            paramLabel = "RATE",
            description =
                    "Decoupled AdamW weight decay"
                            + " (not on biases and LayerNorm weights). Default: "
                            + FineTuneConfig.DEFAULT_WEIGHT_DECAY
                            + ".")
    Double weightDecay;

    @Option(
            names = "--max-grad-norm",
            paramLabel = "NORM",
            description =
                    "Clip gradients to this"
                            + " global L2 norm; 0 turns clipping off. Default: "
                            + FineTuneConfig.DEFAULT_MAX_GRAD_NORM
                            + ".")
    Double maxGradNorm;

    @Option(
            names = "--max-seq-length",
            paramLabel = "TOKENS",
            description = "Truncate texts to this" + " many tokens. Default: the model's maximum.")
    Integer maxSeqLength;

    @Option(
            names = "--seed", paramLabel = "N",
            description =
                    "Seed of shuffling, dropout, head initialisation and the"
                            + " validation split. Default: "
                            + FineTuneConfig.DEFAULT_SEED
                            + ".")
    Long seed;

    @Option(
            names = "--dropout",
            paramLabel = "P",
            description =
                    "Dropout on the sentence embedding"
                            + " before the head. Default: "
                            + FineTuneConfig.DEFAULT_DROPOUT
                            + ".")
    Double dropout;

    @Option(names = "--class-weights", description = "Weight the loss by inverse class frequency.")
    Boolean classWeights;

    @Option(
            names = "--label-smoothing",
            paramLabel = "S",
            description =
                    "Label smoothing in [0, 1)."
                            + " Default: "
                            + FineTuneConfig.DEFAULT_LABEL_SMOOTHING
                            + ".")
    Double labelSmoothing;

    @Option(
            names = "--log-every",
            paramLabel = "STEPS",
            description =
                    "Log the mean loss every N steps."
                            + " Default: "
                            + FineTuneConfig.DEFAULT_LOG_EVERY
                            + ".")
    Integer logEvery;

    @Option(
            names = "--group-by-length",
            description = "Batch texts of similar token length together" + " to cut padding.")
    Boolean groupByLength;

    @Option(
            names = "--validation-fraction",
            paramLabel = "F",
            description =
                    "Hold out this stratified share of the training records to score each epoch"
                            + " (accuracy, macro-F1); 0 turns it off. Default: "
                            + FineTuneConfig.DEFAULT_VALIDATION_FRACTION
                            + ".")
    Double validationFraction;

    @Option(
            names = "--early-stopping-patience",
            paramLabel = "EPOCHS",
            description =
                    "Stop after this many epochs without a better validation macro-F1; needs"
                            + " --validation-fraction; 0 turns it off. Default: "
                            + FineTuneConfig.DEFAULT_EARLY_STOPPING_PATIENCE
                            + ".")
    Integer earlyStoppingPatience;

    @Option(
            names = "--keep-checkpoints",
            paramLabel = "N",
            description =
                    "Keep only the newest N epoch"
                            + " checkpoints (and the best one); 0 keeps all. Default: "
                            + FineTuneConfig.DEFAULT_KEEP_CHECKPOINTS
                            + ".")
    Integer keepCheckpoints;

    @Option(
            names = "--adam-beta1",
            paramLabel = "B",
            description =
                    "AdamW first-moment decay. Default: " + FineTuneConfig.DEFAULT_ADAM_BETA1 + ".")
    Double adamBeta1;

    @Option(
            names = "--adam-beta2",
            paramLabel = "B",
            description =
                    "AdamW second-moment decay. Default: "
                            + FineTuneConfig.DEFAULT_ADAM_BETA2
                            + ".")
    Double adamBeta2;

    @Option(
            names = "--adam-epsilon",
            paramLabel = "EPS",
            description = "AdamW epsilon. Default: " + FineTuneConfig.DEFAULT_ADAM_EPSILON + ".")
    Double adamEpsilon;

    @Option(
            names = "--include-test-rows",
            description =
                    "Train on all rows, test split included. Scores on the test split are then"
                            + " optimistic; the manifest marks the run as leaky.")
    Boolean includeTestRows;

    @Option(
            names = "--resume",
            description = "Continue the run in --output from its newest checkpoint.")
    boolean resume;

    @Option(names = "--overwrite", description = "Replace an existing run in --output.")
    boolean overwrite;

    @Option(
            names = "--no-progress",
            description = "Do not draw the progress bar (the log still shows the loss); it is"
                    + " also off when the output is not a terminal.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        FineTuneConfig config = buildConfig();
        FineTuner.checkOutput(config, output);
        PreparedDataset dataset = PreparedDataset.load(data);
        List<Record> records = config.includeTestRows() ? dataset.all() : dataset.train();

        List<TrainingListener> listeners = new ArrayList<>();
        // Without a terminal, a bar would fill the log with carriage-return redraws.
        if (!noProgress && System.console() != null) {
            listeners.add(new ConsoleProgressListener(System.err));
        }
        listeners.add(new MetricsFileListener(output.resolve(MetricsFileListener.FILE_NAME)));

        FineTuneResult result;
        Thread interruptHint = new Thread(() -> System.err.printf(
                "%nInterrupted. Completed epochs are checkpointed in %s; run the same command"
                        + " with --resume to continue.%n", output));
        Runtime.getRuntime().addShutdownHook(interruptHint);
        try (SentenceTransformer encoder =
                SentenceTransformer.load(ModelResolver.resolve(config.baseModel()))) {
            result =
                    FineTuner.run(
                            config,
                            encoder,
                            records,
                            dataset.labels(),
                            output,
                            listeners.toArray(TrainingListener[]::new));
        } finally {
            Runtime.getRuntime().removeShutdownHook(interruptHint);
        }
        printSummary(result);
        return 0;
    }

    private FineTuneConfig buildConfig() throws Exception {
        FineTuneConfig.Builder builder = FineTuneConfig.builder();
        if (resume) {
            Optional<FineTuneConfig> saved = FineTuner.savedConfig(output);
            if (saved.isPresent()) {
                builder = saved.get().toBuilder();
            }
        }

        if (model != null) builder.baseModel(model);
        if (epochs != null) builder.epochs(epochs);
        if (batchSize != null) builder.batchSize(batchSize);
        if (learningRate != null) builder.learningRate(learningRate);
        if (headLearningRate != null) builder.headLearningRate(headLearningRate);
        if (warmup != null) builder.warmup(warmup);
        if (weightDecay != null) builder.weightDecay(weightDecay);
        if (maxGradNorm != null) builder.maxGradNorm(maxGradNorm);
        if (maxSeqLength != null) builder.maxSeqLength(maxSeqLength);
        if (seed != null) builder.seed(seed);
        if (dropout != null) builder.dropout(dropout);
        if (classWeights != null) builder.classWeights(classWeights);
        if (labelSmoothing != null) builder.labelSmoothing(labelSmoothing);
        if (logEvery != null) builder.logEvery(logEvery);
        if (groupByLength != null) builder.groupByLength(groupByLength);
        if (validationFraction != null) builder.validationFraction(validationFraction);
        if (earlyStoppingPatience != null) builder.earlyStoppingPatience(earlyStoppingPatience);
        if (keepCheckpoints != null) builder.keepCheckpoints(keepCheckpoints);
        if (adamBeta1 != null) builder.adamBeta1(adamBeta1);
        if (adamBeta2 != null) builder.adamBeta2(adamBeta2);
        if (adamEpsilon != null) builder.adamEpsilon(adamEpsilon);
        if (includeTestRows != null) builder.includeTestRows(includeTestRows);
        return builder.resume(resume).overwrite(overwrite).build();
    }

    private void printSummary(FineTuneResult result) {
        PrintWriter out = spec.commandLine().getOut();
        List<Double> losses = result.stepLosses();
        // With --resume, the losses cover the whole run but the time only this process's steps.
        out.printf(
                Locale.ROOT,
                "Run finished: %d steps in total, final step loss %.4f%n",
                losses.size(),
                losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1));
        if (result.trainSeconds() > 0) {
            out.printf(Locale.ROOT, "This process trained for %.1f s (%.1f samples/s)%n",
                    result.trainSeconds(), result.samplesPerSecond());
        } else {
            out.println("No steps were left to train; the checkpoint already held the whole run");
        }
        if (result.stoppedEarly()) {
            out.println("Stopped early; the final model is epoch " + result.finalEpoch());
        }
        out.println("Model: " + result.modelFolder());
        out.println("Head:  " + result.headFolder());
        out.flush();
    }
}
