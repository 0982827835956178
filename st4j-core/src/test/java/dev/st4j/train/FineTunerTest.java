package dev.st4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;

import dev.st4j.data.Record;
import dev.st4j.io.Manifest;
import dev.st4j.model.EncodeOptions;
import dev.st4j.model.SentenceTransformer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** End-to-end fine-tuning of the real default model on a few real records. */
class FineTunerTest {

    @Test
    void lossFallsAndEveryParameterLearns(@TempDir Path dir) throws Exception {
        List<Record> records = TrainingFixtures.trainRecords(8);
        // Without weight decay a parameter moves only through its gradient, so a changed
        // parameter proves that a non-zero gradient reached it. The head's higher rate lets the
        // loss fall within a few steps.
        FineTuneConfig config =
                TrainingFixtures.tinyConfig()
                        .epochs(4)
                        .learningRate(1e-4)
                        .headLearningRate(3e-2)
                        .weightDecay(0)
                        .keepCheckpoints(1)
                        .build();
        Path output = dir.resolve("run");
        Map<String, float[]> before = new LinkedHashMap<>();
        FineTuneResult result;
        try (SentenceTransformer model = TrainingFixtures.baseModel()) {
            model.parameters().forEach((name, array) -> before.put(name, array.toFloatArray()));
            result = FineTuner.run(config, model, records, TrainingFixtures.labels(), output);
            List<String> unchanged = new ArrayList<>();
            for (Map.Entry<String, NDArray> entry : model.parameters().entrySet()) {
                if (java.util.Arrays.equals(
                        before.get(entry.getKey()), entry.getValue().toFloatArray())) {
                    unchanged.add(entry.getKey());
                }
            }
            assertEquals(List.of(), unchanged, "parameters that no gradient reached");
        }
        assertEquals(8, result.stepLosses().size());
        double first = mean(result.stepLosses().subList(0, 2));
        double last = mean(result.stepLosses().subList(6, 8));
        assertTrue(
                last < first * 0.7, "epoch 1 mean loss " + first + ", epoch 4 mean loss " + last);

        assertFalse(Files.exists(output.resolve("checkpoints/epoch-3")), "--keep-checkpoints 1");
        Path checkpoint = output.resolve("checkpoints/epoch-4");
        assertTrue(Files.exists(checkpoint.resolve("optimizer.safetensors")));
        assertTrue(Files.exists(checkpoint.resolve(TrainerState.FILE_NAME)));
        try (SentenceTransformer saved = SentenceTransformer.load(checkpoint.resolve("encoder"))) {
            float[][] vectors =
                    saved.encode(List.of("wooden puzzle for kids"), EncodeOptions.defaults())
                            .embeddings();
            assertEquals(saved.dimension(), vectors[0].length);
        }
        Manifest manifest = Manifest.readFrom(output);
        assertEquals(false, manifest.settings().get("leaky"));
        try (ClassificationHeadPredictor predictor = ClassificationHeadPredictor.load(output)) {
            ClassificationHeadPredictor.Predictions predictions =
                    predictor.predict(records.stream().map(Record::text).toList());
            assertEquals(8, predictions.labelIds().length);
            float sum = 0;
            for (float p : predictions.probabilities()[0]) {
                sum += p;
            }
            assertEquals(1f, sum, 1e-5f);
        }
    }

    @Test
    void resumedRunMatchesUninterruptedRun(@TempDir Path dir) throws Exception {
        List<Record> records = TrainingFixtures.trainRecords(8);
        FineTuneConfig config = TrainingFixtures.tinyConfig().epochs(2).learningRate(1e-4).build();
        FineTuneResult uninterrupted;
        try (SentenceTransformer model = TrainingFixtures.baseModel()) {
            uninterrupted =
                    FineTuner.run(
                            config, model, records, TrainingFixtures.labels(), dir.resolve("a"));
        }
        Path interruptedOutput = dir.resolve("b");
        TrainingListener crashAfterFirstEpoch =
                new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochMetrics epoch) {
                        throw new IllegalStateException(
                                "simulated crash after epoch " + epoch.epoch());
                    }
                };
        try (SentenceTransformer model = TrainingFixtures.baseModel()) {
            assertThrows(
                    IllegalStateException.class,
                    () ->
                            FineTuner.run(
                                    config,
                                    model,
                                    records,
                                    TrainingFixtures.labels(),
                                    interruptedOutput,
                                    crashAfterFirstEpoch));
        }
        assertTrue(Files.exists(interruptedOutput.resolve("checkpoints/epoch-1")));
        assertFalse(Files.exists(interruptedOutput.resolve("model")));
        FineTuneResult resumed;
        try (SentenceTransformer model = TrainingFixtures.baseModel()) {
            resumed =
                    FineTuner.run(
                            config.toBuilder().resume(true).build(),
                            model,
                            records,
                            TrainingFixtures.labels(),
                            interruptedOutput);
        }
        double[] expected = toArray(uninterrupted.stepLosses());
        double[] actual = toArray(resumed.stepLosses());
        assertEquals(4, expected.length);
        assertEquals(4, actual.length);
        // Steps 1-2 ran in a second fresh run with the same seed, so they show reproducibility.
        assertArrayEquals(
                Arrays.copyOfRange(expected, 0, 2), Arrays.copyOfRange(actual, 0, 2), 1e-5);
        // Steps 3-4 ran after the resume, so they show that a checkpoint restores everything.
        assertArrayEquals(
                Arrays.copyOfRange(expected, 2, 4), Arrays.copyOfRange(actual, 2, 4), 1e-5);
    }

    @Test
    void hugeLearningRateStopsAtNamedStep(@TempDir Path dir) throws Exception {
        List<Record> records = TrainingFixtures.trainRecords(8);
        FineTuneConfig config = TrainingFixtures.tinyConfig().epochs(2).learningRate(1e30).build();
        Path output = dir.resolve("run");
        NonFiniteLossException e;
        try (SentenceTransformer model = TrainingFixtures.baseModel()) {
            e =
                    assertThrows(
                            NonFiniteLossException.class,
                            () ->
                                    FineTuner.run(
                                            config,
                                            model,
                                            records,
                                            TrainingFixtures.labels(),
                                            output));
        }
        assertTrue(
                e.step() >= 2,
                "step 1 starts from finite weights, so it cannot fail; got " + e.step());
        assertTrue(
                e.getMessage().contains("at step " + e.step() + " (epoch " + e.epoch() + ")"),
                e.getMessage());
        assertFalse(Files.exists(output.resolve("model")));
    }

    @Test
    void earlyStoppingKeepsBestEpoch(@TempDir Path dir) throws Exception {
        List<Record> records = TrainingFixtures.trainRecords(8);
        // A learning rate this small leaves the scores unchanged, so epoch 1 stays the best and
        // patience 1 stops the run after epoch 2.
        FineTuneConfig config =
                TrainingFixtures.tinyConfig()
                        .epochs(4)
                        .learningRate(1e-12)
                        .validationFraction(0.25)
                        .earlyStoppingPatience(1)
                        .keepCheckpoints(1)
                        .build();
        Path output = dir.resolve("run");
        FineTuneResult result;
        try (SentenceTransformer model = TrainingFixtures.baseModel()) {
            result =
                    FineTuner.run(
                            config,
                            model,
                            records,
                            TrainingFixtures.labels(),
                            output,
                            new MetricsFileListener(output.resolve(MetricsFileListener.FILE_NAME)));
        }

        assertTrue(result.stoppedEarly());
        assertEquals(2, result.epochs().size());
        assertEquals(1, result.finalEpoch());
        assertTrue(result.epochs().get(0).best());
        assertFalse(Double.isNaN(result.epochs().get(0).validationMacroF1()));

        assertTrue(
                Files.exists(output.resolve("checkpoints/epoch-1")), "the best checkpoint is kept");
        assertTrue(Files.exists(output.resolve("checkpoints/epoch-2")));
        assertTrue(Files.exists(output.resolve("model/model.safetensors")));
        assertTrue(Files.exists(output.resolve("head/head.safetensors")));
        List<String> lines = Files.readAllLines(output.resolve(MetricsFileListener.FILE_NAME));
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("\"val_macro_f1\"")),
                String.join("\n", lines));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
