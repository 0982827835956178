package dev.st4j.experiment;

import dev.st4j.classify.ClassifierManifestInfo;
import dev.st4j.classify.EncoderReference;
import dev.st4j.classify.FeatureSchema;
import dev.st4j.classify.XgbClassifier;
import dev.st4j.data.DatasetPreparer;
import dev.st4j.data.LabelMap;
import dev.st4j.data.PrepareConfig;
import dev.st4j.data.PreparedDataset;
import dev.st4j.data.Record;
import dev.st4j.eval.Evaluation;
import dev.st4j.eval.EvaluationResult;
import dev.st4j.eval.ExperimentReport;
import dev.st4j.eval.ExperimentRun;
import dev.st4j.eval.LossCurve;
import dev.st4j.io.AtomicFiles;
import dev.st4j.model.EncodeOptions;
import dev.st4j.model.EncodeResult;
import dev.st4j.model.ModelResolver;
import dev.st4j.model.SentenceTransformer;
import dev.st4j.train.ClassificationHeadPredictor;
import dev.st4j.train.FineTuneConfig;
import dev.st4j.train.FineTuneResult;
import dev.st4j.train.FineTuner;
import dev.st4j.train.MetricsFileListener;
import dev.st4j.train.TrainingListener;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole comparison: prepares the data once, then for each base model scores stock
 * embeddings with XGBoost, fine-tunes on the training split, scores the fine-tuned embeddings and
 * the fine-tuned head, and optionally repeats the fine-tuning on every row (the leaky protocol).
 * Writes {@code metrics.json}, {@code report.md} and the charts into the output folder.
 *
 * <p>Output layout: {@code data/} (the prepared dataset), {@code runs/<model>/stock-classifier},
 * {@code runs/<model>/finetuned/} (the fine-tuning run: model, head, checkpoints, metrics.jsonl)
 * with {@code runs/<model>/finetuned-classifier}, and the same for {@code leaky}.
 */
public final class Experiment {

    private static final Logger LOG = LoggerFactory.getLogger(Experiment.class);

    static final String DATA_FOLDER = "data";
    static final String RUNS_FOLDER = "runs";

    /** Names of the entries an experiment writes into its output folder. */
    static final Set<String> OUTPUT_ENTRIES = Set.of(DATA_FOLDER, RUNS_FOLDER,
            ExperimentReport.METRICS_FILE, ExperimentReport.REPORT_FILE,
            ExperimentReport.ACCURACY_CHART, ExperimentReport.LOSS_CHART);

    private final ExperimentConfig config;
    private final List<TrainingListener> listeners;
    private final boolean encodeProgress;
    private final List<ExperimentRun> runs = new ArrayList<>();
    private final List<LossCurve> lossCurves = new ArrayList<>();
    private PreparedDataset dataset;

    private Experiment(ExperimentConfig config, boolean encodeProgress,
            List<TrainingListener> listeners) {
        this.config = config;
        this.encodeProgress = encodeProgress;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Runs the experiment and writes its report.
     *
     * @param listeners training listeners added to every fine-tuning run (a progress bar, say)
     * @return every scored run, in the order they ran
     * @throws FileAlreadyExistsException if the output folder is not empty and overwrite is off
     */
    public static List<ExperimentRun> run(ExperimentConfig config, TrainingListener... listeners)
            throws IOException {
        return run(config, true, listeners);
    }

    /**
     * Runs the experiment and writes its report.
     *
     * @param encodeProgress whether encoding shows a console progress bar on long inputs
     * @param listeners training listeners added to every fine-tuning run (a progress bar, say)
     * @return every scored run, in the order they ran
     * @throws FileAlreadyExistsException if the output folder is not empty and overwrite is off
     */
    public static List<ExperimentRun> run(ExperimentConfig config, boolean encodeProgress,
            TrainingListener... listeners) throws IOException {
        Experiment experiment = new Experiment(config, encodeProgress, List.of(listeners));
        experiment.execute();
        return List.copyOf(experiment.runs);
    }

    private void execute() throws IOException {
        Path output = config.output();
        checkOutput(output);
        long start = System.nanoTime();
        Map<String, Path> modelFolders = resolveModels();

        PrepareConfig prepare = config.prepare().toBuilder()
                .output(output.resolve(DATA_FOLDER))
                .overwrite(config.overwrite())
                .build();
        new DatasetPreparer().prepare(prepare);
        dataset = PreparedDataset.load(prepare.output());
        LOG.info("Prepared {} records: {} train, {} test, {} labels", dataset.all().size(),
                dataset.train().size(), dataset.test().size(), dataset.labels().size());
        if (dataset.test().isEmpty()) {
            throw new IllegalArgumentException("The split of " + prepare.input() + " has no test"
                    + " rows (" + dataset.train().size() + " training rows), so there is nothing"
                    + " to score; use more rows or a larger --test-size");
        }

        for (String model : config.models()) {
            runModel(model, modelFolders.get(model));
            // The report is rewritten after each model, so a later failure keeps earlier results.
            ExperimentReport.write(output, runs, lossCurves, true);
        }
        LOG.info("Experiment finished in {} s; report in {}",
                String.format("%.0f", seconds(start)), output.resolve(ExperimentReport.REPORT_FILE));
    }

    private void checkOutput(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(output)) {
            empty = entries.findAny().isEmpty();
        }
        if (empty) {
            return;
        }
        if (!config.overwrite()) {
            throw new FileAlreadyExistsException(output.toString(), null,
                    "is not empty; pass --overwrite to replace the experiment in it, or choose"
                            + " another --output");
        }
        AtomicFiles.checkReplaceable(output, OUTPUT_ENTRIES, List.of(config.prepare().input()),
                "an experiment");
        LOG.warn("Replacing the earlier experiment in {} (--overwrite)", output);
        for (String entry : OUTPUT_ENTRIES) {
            AtomicFiles.deleteRecursively(output.resolve(entry));
        }
    }

    /**
     * Resolves and loads every model once before any work starts, so a misspelt name or a broken
     * folder fails in seconds instead of after the first model's runs.
     */
    private Map<String, Path> resolveModels() throws IOException {
        Map<String, Path> folders = new LinkedHashMap<>();
        for (String model : config.models()) {
            Path folder = ModelResolver.resolve(model);
            try (SentenceTransformer ignored = SentenceTransformer.load(folder)) {
                folders.put(model, folder);
            }
        }
        return folders;
    }

    private void runModel(String model, Path baseFolder) throws IOException {
        Path modelRuns = config.output().resolve(RUNS_FOLDER).resolve(folderName(model));

        LOG.info("[{}] stock embeddings", model);
        try (SentenceTransformer encoder = SentenceTransformer.load(baseFolder)) {
            scoreEmbeddings(model, encoder, new EncoderReference(model,
                    baseFolder.toAbsolutePath().toString(),
                    encoder.weightsSha256(), config.maxSeqLength(), false),
                    modelRuns.resolve("stock-classifier"), false, false, 0);
        }
        if (!config.fineTune()) {
            return;
        }
        fineTuneAndScore(model, baseFolder, modelRuns.resolve("finetuned"), false);
        if (config.leaky()) {
            fineTuneAndScore(model, baseFolder, modelRuns.resolve("leaky"), true);
        }
    }

    private void fineTuneAndScore(String model, Path baseFolder, Path runFolder, boolean leaky)
            throws IOException {
        FineTuneConfig training = config.training().toBuilder()
                .baseModel(model)
                .maxSeqLength(config.maxSeqLength())
                .includeTestRows(leaky)
                .overwrite(config.overwrite())
                .build();
        List<Record> records = leaky ? dataset.all() : dataset.train();
        LOG.info("[{}] fine-tuning on {} rows{}", model, records.size(),
                leaky ? " (leaky: the test rows included)" : " (training split only)");

        FineTuneResult result;
        try (SentenceTransformer base = SentenceTransformer.load(baseFolder)) {
            List<TrainingListener> runListeners = new ArrayList<>(listeners);
            runListeners.add(new MetricsFileListener(
                    runFolder.resolve(MetricsFileListener.FILE_NAME)));
            result = FineTuner.run(training, base, records, dataset.labels(), runFolder,
                    runListeners.toArray(TrainingListener[]::new));
        }
        lossCurves.add(lossCurve(model + (leaky ? " (leaky)" : ""), result.stepLosses()));

        Path classifierFolder = runFolder.resolveSibling(runFolder.getFileName() + "-classifier");
        try (SentenceTransformer tuned = SentenceTransformer.load(result.modelFolder())) {
            // The path is relative to the classifier, so the experiment folder can be moved.
            String modelPath = classifierFolder.toAbsolutePath().normalize()
                    .relativize(result.modelFolder().toAbsolutePath().normalize()).toString();
            EncoderReference reference = new EncoderReference(model + " fine-tuned", modelPath,
                    tuned.weightsSha256(), config.maxSeqLength(), false);
            scoreEmbeddings(model, tuned, reference, classifierFolder, true, leaky,
                    result.trainSeconds());
            scoreHead(model, tuned, result, leaky, runs.get(runs.size() - 1).truncatedShare());
        }
    }

    private void scoreEmbeddings(String model, SentenceTransformer encoder,
            EncoderReference reference, Path classifierFolder, boolean fineTuned, boolean leaky,
            double fineTuneSeconds) throws IOException {
        long encodeStart = System.nanoTime();
        EncodeOptions options = EncodeOptions.defaults()
                .withBatchSize(config.encodeBatchSize())
                .withMaxSeqLength(config.maxSeqLength())
                .withProgress(encodeProgress);
        EncodeResult train = encoder.encode(texts(dataset.train()), options);
        EncodeResult test = encoder.encode(texts(dataset.test()), options);
        double encodeSeconds = seconds(encodeStart);
        int truncated = train.truncatedCount() + test.truncatedCount();
        double truncatedShare = (double) truncated / (dataset.train().size() + dataset.test().size());
        LOG.info("[{}] encoded {} texts in {} s; {} of them ({}%) were cut at the token limit",
                model, dataset.all().size(), String.format("%.1f", encodeSeconds), truncated,
                String.format("%.1f", 100 * truncatedShare));

        long xgbStart = System.nanoTime();
        FeatureSchema schema = FeatureSchema.fit(dataset.schema(), dataset.train(), encoder.dimension());
        float[][] trainFeatures = schema.assemble(dataset.train(), train.embeddings()).values();
        float[][] testFeatures = schema.assemble(dataset.test(), test.embeddings()).values();
        int[] trainIds = labelIds(dataset.train());
        int[] testIds = labelIds(dataset.test());
        EvaluationResult evaluation;
        try (XgbClassifier classifier = XgbClassifier.train(config.xgboost(), schema, trainFeatures,
                trainIds, dataset.labels())) {
            evaluation = Evaluation.evaluate(classifier, testFeatures, testIds, trainIds);
            classifier.save(classifierFolder, new ClassifierManifestInfo(reference,
                    Map.of(ClassifierManifestInfo.MISSING_VALUES_KEY,
                            config.prepare().missingValues(),
                            "split_seed", config.prepare().seed(),
                            "leaky", leaky),
                    Map.of("dataset", dataset.sha256())), config.overwrite());
        }
        double xgbSeconds = seconds(xgbStart);

        ExperimentRun.Builder run = ExperimentRun.builder(model, evaluation)
                .fineTuned(fineTuned)
                .leaky(leaky)
                .classifier(ExperimentRun.XGBOOST)
                .trainRows(dataset.train().size())
                .truncatedShare(truncatedShare)
                .timing(ExperimentRun.ENCODE, encodeSeconds)
                .timing(ExperimentRun.XGBOOST, xgbSeconds)
                .settings(config.settings());
        if (fineTuned) {
            run.timing(ExperimentRun.FINETUNE, fineTuneSeconds);
        }
        runs.add(run.build());
    }

    private void scoreHead(String model, SentenceTransformer tuned, FineTuneResult result,
            boolean leaky, double truncatedShare) throws IOException {
        try (ClassificationHeadPredictor head =
                ClassificationHeadPredictor.withModel(tuned, result.headFolder())) {
            long start = System.nanoTime();
            int[] predicted = head.predict(texts(dataset.test())).labelIds();
            EvaluationResult evaluation = Evaluation.evaluate(labelIds(dataset.test()), predicted,
                    labelIds(dataset.train()), dataset.labels());
            runs.add(ExperimentRun.builder(model, evaluation)
                    .fineTuned(true)
                    .leaky(leaky)
                    .classifier(ExperimentRun.HEAD)
                    .trainRows(dataset.train().size())
                    .truncatedShare(truncatedShare)
                    .timing(ExperimentRun.ENCODE, seconds(start))
                    .timing(ExperimentRun.FINETUNE, result.trainSeconds())
                    .settings(config.settings())
                    .build());
        }
    }

    private int[] labelIds(List<Record> records) {
        LabelMap labels = dataset.labels();
        return records.stream().mapToInt(r -> labels.idOf(r.label())).toArray();
    }

    private static List<String> texts(List<Record> records) {
        return records.stream().map(Record::text).toList();
    }

    private static LossCurve lossCurve(String name, List<Double> losses) {
        long[] steps = new long[losses.size()];
        double[] values = new double[losses.size()];
        for (int i = 0; i < values.length; i++) {
            steps[i] = i + 1;
            values[i] = losses.get(i);
        }
        return new LossCurve(name, steps, values);
    }

    /** Turns a model name, folder or hub id into one safe folder name. */
    static String folderName(String model) {
        String last = Path.of(model).getFileName() == null ? model : Path.of(model).getFileName().toString();
        String cleaned = last.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "model" + cleaned : cleaned;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
