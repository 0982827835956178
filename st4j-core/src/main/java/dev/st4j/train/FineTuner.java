package dev.st4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;

import dev.st4j.data.LabelMap;
import dev.st4j.data.Record;
import dev.st4j.io.Manifest;
import dev.st4j.model.SentenceTransformer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fine-tunes a sentence transformer with a linear classification head on labelled records: seeded
 * shuffling, AdamW with a linear schedule, global-norm clipping, an optional validation split with
 * early stopping, a checkpoint after every epoch and exact resume from it.
 *
 * <p>The run trains only on the records passed in. Pass a prepared dataset's training split so the
 * test rows stay unseen. The model's parameters are updated in place, and the final model is
 * written to {@code OUTPUT/model}, the head to {@code OUTPUT/head}.
 */
public final class FineTuner {

    private static final Logger LOG = LoggerFactory.getLogger(FineTuner.class);

    private final FineTuneConfig config;
    private final SentenceTransformer model;
    private final List<Record> records;
    private final LabelMap labels;
    private final Path output;
    private final Listeners listeners;

    private FineTuner(
            FineTuneConfig config,
            SentenceTransformer model,
            List<Record> records,
            LabelMap labels,
            Path output,
            List<TrainingListener> listeners) {
        this.config = config;
        this.model = model;
        this.records = List.copyOf(records);
        this.labels = labels;
        this.output = output;
        this.listeners = new Listeners(listeners);
    }

    /**
     * Runs (or, with {@link FineTuneConfig#resume()}, continues) a fine-tuning run.
     *
     * @param model the base encoder; its parameters are trained in place
     * @param records the training records; every label must be in {@code labels}
     * @param output the run folder (see {@link RunOutput})
     * @throws NonFiniteLossException if a step's loss or gradient norm is NaN or infinite
     * @throws IOException if the output cannot be written or a checkpoint cannot be read
     */
    public static FineTuneResult run(
            FineTuneConfig config,
            SentenceTransformer model,
            List<Record> records,
            LabelMap labels,
            Path output,
            TrainingListener... listeners)
            throws IOException {
        FineTuner tuner = new FineTuner(config, model, records, labels, output, List.of(listeners));
        try {
            return tuner.execute();
        } catch (IOException | RuntimeException e) {
            tuner.listeners.onTrainFailed(e);
            throw e;
        }
    }

    /**
     * Checks, without changing anything, that {@code config} may use {@code output}, so a caller
     * can fail before loading a model: resuming needs a completed checkpoint, and replacing an
     * existing run needs {@link FineTuneConfig#overwrite()}.
     */
    public static void checkOutput(FineTuneConfig config, Path output) throws IOException {
        RunOutput.check(output, config.resume(), config.overwrite());
    }

    /**
     * Returns the settings of the run in {@code output} as saved with its newest checkpoint, or
     * empty when it has none; a resumed run must use the same training settings.
     */
    public static Optional<FineTuneConfig> savedConfig(Path output) throws IOException {
        Optional<Path> checkpoint = Checkpoints.latest(output);
        if (checkpoint.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                FineTuneConfig.fromSettings(
                        Checkpoints.readState(checkpoint.get()).trainingSettings()));
    }

    private FineTuneResult execute() throws IOException {
        if (records.isEmpty()) {
            throw new IllegalArgumentException(
                    "No training records; check the prepared dataset's train split");
        }
        RunOutput.prepare(output, config.resume(), config.overwrite());
        RunSetup setup = RunSetup.create(config, model, records, labels);
        String baseWeights = model.weightsSha256();
        ClassificationHead.Config headConfig =
                new ClassificationHead.Config(
                        model.dimension(), labels.size(), config.dropout(), setup.maxSeqLength());
        Map<String, NDArray> parameters = new LinkedHashMap<>(model.parameters());
        try (ClassificationHead head =
                        ClassificationHead.initialise(model.manager(), headConfig, config.seed());
                AdamW optimizer =
                        new AdamW(
                                model.manager(),
                                config.adamBeta1(),
                                config.adamBeta2(),
                                config.adamEpsilon(),
                                config.weightDecay())) {
            parameters.putAll(head.parameters());
            head.parameters()
                    .keySet()
                    .forEach(
                            name ->
                                    optimizer.setLearningRateFactor(
                                            name, config.headLearningRateFactor()));
            parameters.values().forEach(p -> p.setRequiresGradient(true));
            RunProgress progress = RunProgress.start(setup, baseWeights);
            if (config.resume()) {
                progress = resume(progress, head, optimizer);
            }
            TrainingStep step =
                    new TrainingStep(
                            model,
                            head,
                            parameters,
                            setup.loss(),
                            optimizer,
                            setup.maxSeqLength(),
                            config.maxGradNorm());
            step.zeroGradients();
            listeners.onTrainStart(setup.plan(output, progress.epoch() + 1, progress.step()));
            if (progress.epoch() >= config.epochs()) {
                LOG.info(
                        "All {} epochs are already done; writing the final output again",
                        config.epochs());
            }
            for (int epoch = progress.epoch() + 1; epoch <= config.epochs(); epoch++) {
                if (progress.shouldStopEarly(config.earlyStoppingPatience())) {
                    break;
                }
                runEpoch(epoch, setup, step, progress, head, optimizer);
            }
            return finish(setup, progress, head, baseWeights);
        } finally {
            model.parameters().values().forEach(p -> p.setRequiresGradient(false));
        }
    }

    private RunProgress resume(RunProgress fresh, ClassificationHead head, AdamW optimizer)
            throws IOException {
        Path checkpoint = Checkpoints.latest(output).orElseThrow();
        TrainerState state = Checkpoints.readState(checkpoint);
        RunProgress restored = fresh.resumeFrom(state, checkpoint);
        Checkpoints.restore(checkpoint, state, model, head, optimizer);
        LOG.info(
                "Resuming from {} (epoch {}, step {} of {})",
                checkpoint,
                state.epoch(),
                state.step(),
                state.totalSteps());
        return restored;
    }

    private void runEpoch(
            int epoch,
            RunSetup setup,
            TrainingStep step,
            RunProgress progress,
            ClassificationHead head,
            AdamW optimizer)
            throws IOException {
        long epochStart = System.nanoTime();
        long epochSeed = BatchPlanner.epochSeed(config.seed(), epoch);
        // Dropout draws from the engine's generator; re-seeding it per epoch makes a resumed
        // epoch draw the same masks as an uninterrupted one.
        Engine.getInstance().setRandomSeed((int) (epochSeed ^ (epochSeed >>> 32)));
        List<int[]> batches = setup.planner().batches(setup.train().size(), epoch);
        LogWindow window = new LogWindow();
        double epochLossSum = 0;
        for (int b = 0; b < batches.size(); b++) {
            int[] batch = batches.get(b);
            int runStep = progress.step() + 1;
            double learningRate = setup.schedule().learningRate(progress.step());
            long start = System.nanoTime();
            TrainingStep.Outcome outcome =
                    step.run(
                            setup.texts(batch),
                            setup.labelIds(batch),
                            learningRate,
                            runStep,
                            epoch);
            double seconds = (System.nanoTime() - start) / 1e9;
            progress.recordStep(outcome.loss(), seconds, batch.length);
            epochLossSum += outcome.loss();
            if (runStep == 1 && outcome.gradNorm() == 0) {
                LOG.warn(
                        "All gradients are zero at step 1; the loss does not depend on the"
                                + " weights");
            }
            StepMetrics metrics =
                    new StepMetrics(
                            runStep,
                            epoch,
                            batch.length,
                            outcome.tokens(),
                            outcome.loss(),
                            learningRate,
                            outcome.gradNorm(),
                            seconds);
            LOG.debug("{}", metrics);
            listeners.onStep(metrics);
            window.add(metrics);
            if (runStep % config.logEvery() == 0 || b == batches.size() - 1) {
                LogMetrics log = window.drain(runStep, epoch, learningRate);
                LOG.info(RunMessages.log(log, setup.totalSteps()));
                listeners.onLog(log);
            }
        }
        Validation validation =
                Validation.evaluate(model, head, setup.validation(), labels, setup.maxSeqLength());
        boolean best = progress.recordEpoch(epoch, validation);
        EpochMetrics metrics =
                new EpochMetrics(
                        epoch,
                        progress.step(),
                        epochLossSum / batches.size(),
                        validation.loss(),
                        validation.accuracy(),
                        validation.macroF1(),
                        best,
                        (System.nanoTime() - epochStart) / 1e9);
        progress.addEpoch(metrics);
        Checkpoints.write(
                output, progress.toState(optimizer.step()), model, head, labels, optimizer);
        Checkpoints.prune(output, config.keepCheckpoints(), progress.bestEpoch());
        LOG.info(
                RunMessages.epoch(
                        metrics, config.epochs(), validation, Checkpoints.folder(output, epoch)));
        listeners.onEpochEnd(metrics);
    }

    private FineTuneResult finish(
            RunSetup setup, RunProgress progress, ClassificationHead head, String baseWeights)
            throws IOException {
        Manifest manifest = setup.manifest(baseWeights);
        int finalEpoch = progress.bestEpoch() > 0 ? progress.bestEpoch() : progress.epoch();
        if (finalEpoch == progress.epoch()) {
            RunOutput.writeFinal(output, model, head, labels, manifest);
        } else {
            LOG.info(
                    String.format(
                            Locale.ROOT,
                            "Writing epoch %d (best validation macro-F1 %.4f) as the final model",
                            finalEpoch,
                            progress.bestMacroF1()));
            RunOutput.writeFinalFromCheckpoint(output, finalEpoch, manifest);
        }
        boolean stoppedEarly = progress.epoch() < config.epochs();
        if (stoppedEarly) {
            LOG.info(
                    "Stopped early after epoch {}: no better validation macro-F1 for {} epochs",
                    progress.epoch(),
                    config.earlyStoppingPatience());
        }
        FineTuneResult result =
                new FineTuneResult(
                        progress.stepLosses(),
                        progress.epochs(),
                        stoppedEarly,
                        finalEpoch,
                        progress.trainSeconds(),
                        progress.samplesPerSecond(),
                        output.resolve(RunOutput.MODEL),
                        output.resolve(RunOutput.HEAD));
        listeners.onTrainEnd(result);
        return result;
    }
}
