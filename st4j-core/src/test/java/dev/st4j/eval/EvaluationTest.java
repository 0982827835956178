package dev.st4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.st4j.classify.FeatureSchema;
import dev.st4j.classify.XgbClassifier;
import dev.st4j.classify.XgbConfig;
import dev.st4j.data.LabelMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

    private static final LabelMap LABELS = LabelMap.fromLabels(List.of("a", "b", "c"));

    @Test
    void classSeenOnlyInTestIsReported(@TempDir Path dir) throws Exception {
        // Training rows hold a and b only; c occurs only in the test rows.
        FeatureSchema schema = new FeatureSchema(List.of(), List.of(), List.of(), 3);
        Random random = new Random(11);
        float[][] train = new float[40][3];
        int[] trainLabels = new int[40];
        for (int r = 0; r < train.length; r++) {
            trainLabels[r] = r % 2;
            train[r] = new float[] {trainLabels[r] + random.nextFloat() * 0.2f, random.nextFloat(), 0};
        }
        float[][] test = {{0.1f, 0.5f, 0}, {1.1f, 0.5f, 0}, {2.0f, 0.5f, 0}};
        int[] testLabels = {0, 1, 2};
        XgbConfig config = XgbConfig.builder().rounds(10).threads(1).build();

        EvaluationResult result;
        try (XgbClassifier classifier = XgbClassifier.train(config, schema, train, trainLabels, LABELS)) {
            assertEquals(3, classifier.predictProba(test)[0].length);
            result = Evaluation.evaluate(classifier, test, testLabels, trainLabels);
        }

        assertEquals(List.of("c"), result.labelsUnseenInTraining());
        assertEquals(1, result.metrics().perClass().get(2).support());
        assertEquals(0.0, result.metrics().perClass().get(2).recall());
        assertTrue(MetricsTable.format(result).contains("in no training row"), MetricsTable.format(result));
        Path json = dir.resolve("evaluation.json");
        result.writeJson(json, false);
        EvaluationResult read = EvaluationResult.readJson(json);
        assertEquals(result.labelsUnseenInTraining(), read.labelsUnseenInTraining());
        assertEquals(result.metrics().perClass(), read.metrics().perClass());
        assertEquals(result.metrics().macroF1(), read.metrics().macroF1());
        assertTrue(Files.readString(json).contains("\"labels_unseen_in_training\""));
    }

    @Test
    void labelsAllSeenInTrainingGiveEmptyList() {
        EvaluationResult result =
                Evaluation.evaluate(new int[] {0, 1}, new int[] {0, 0}, new int[] {1, 0, 2}, LABELS);

        assertEquals(List.of(), result.labelsUnseenInTraining());
        assertEquals(0.5, result.metrics().accuracy());
    }
}
