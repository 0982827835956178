package dev.st4j.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.st4j.data.LabelMap;
import dev.st4j.data.Record;
import dev.st4j.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XgbClassifierTest {

    private static final LabelMap AB = LabelMap.fromLabels(List.of("a", "b"));

    @Test
    void denseMatrixKeepsZeroAsValue() throws Exception {
        FeatureSchema schema = new FeatureSchema(List.of(), List.of("price"), List.of(), 1);
        float[][] rows = {{0f, 0f}, {Float.NaN, 0f}, {2f, Float.NaN}};

        try (NativeMatrix matrix = NativeMatrix.of(rows, schema, true)) {
            assertEquals(3, matrix.matrix().rowNum());
            assertEquals(4, matrix.matrix().nonMissingNum(), "three zeros and one 2.0 are present");
        }
    }

    @Test
    void zeroAndMissingReachDifferentClasses() {
        // The price is the only signal: 0.0 for class a, missing for class b. If 0.0 were read
        // as missing, the two classes would look identical and half of them would be wrong.
        List<Record> train = new ArrayList<>();
        for (int r = 0; r < 40; r++) {
            boolean isA = r % 2 == 0;
            train.add(Fixtures.record(r + 1, isA ? "a" : "b", isA ? 0.0 : Double.NaN, "Y"));
        }
        FeatureSchema schema = FeatureSchema.fit(Fixtures.SCHEMA, train, Fixtures.DIM);
        float[][] features = schema.assemble(train, Fixtures.noise(40, 1)).values();

        try (XgbClassifier classifier = XgbClassifier.train(
                Fixtures.FAST, schema, features, Fixtures.labelIds(train, AB), AB)) {
            List<Record> test = List.of(Fixtures.record(1, "a", 0.0, "Y"),
                    Fixtures.record(2, "b", Double.NaN, "Y"));
            int[] predicted = classifier.predict(schema.assemble(test, Fixtures.noise(2, 2)).values());

            assertArrayEquals(new int[] {0, 1}, predicted);
        }
    }

    @Test
    void categoricalColumnGetsSetSplits() throws Exception {
        // Levels l0, l2, l4 are class a and l1, l3, l5 class b: no single threshold on the codes
        // separates them, but one categorical split does.
        List<Record> train = new ArrayList<>();
        for (int r = 0; r < 60; r++) {
            int level = r % 6;
            train.add(Fixtures.record(r + 1, level % 2 == 0 ? "a" : "b", 1.0, "l" + level));
        }
        FeatureSchema schema = FeatureSchema.fit(Fixtures.SCHEMA, train, Fixtures.DIM);
        XgbConfig config = Fixtures.FAST.toBuilder().maxDepth(1).rounds(5).build();
        float[][] features = schema.assemble(train, Fixtures.noise(60, 3)).values();

        try (XgbClassifier classifier = XgbClassifier.train(
                config, schema, features, Fixtures.labelIds(train, AB), AB)) {
            JsonNode trees = Json.MAPPER.readTree(classifier.modelJson())
                    .at("/learner/gradient_booster/model/trees");
            JsonNode firstTree = trees.get(0);

            assertEquals(1, firstTree.get("split_type").get(0).asInt(), "root split is categorical");
            assertEquals(1, firstTree.get("split_indices").get(0).asInt(), "root splits on seller");
            assertArrayEquals(Fixtures.labelIds(train, AB), classifier.predict(features));
        }
    }

    @Test
    void probabilitiesCoverEveryLabelAndSumToOne() {
        LabelMap labels = LabelMap.fromLabels(List.of("a", "b", "c"));
        float[][] embeddings = new float[90][Fixtures.DIM];
        List<Record> train = Fixtures.separable(90, 4, embeddings);
        FeatureSchema schema = FeatureSchema.fit(Fixtures.SCHEMA, train, Fixtures.DIM);
        float[][] features = schema.assemble(train, embeddings).values();

        try (XgbClassifier classifier = XgbClassifier.train(
                Fixtures.FAST, schema, features, Fixtures.labelIds(train, labels), labels)) {
            float[][] probabilities = classifier.predictProba(features);

            assertEquals(90, probabilities.length);
            for (float[] row : probabilities) {
                assertEquals(3, row.length);
                assertEquals(1.0, row[0] + row[1] + row[2], 1e-5);
            }
            assertEquals(20, classifier.trainingMetric().length);
            assertTrue(classifier.trainingMetric()[19] < classifier.trainingMetric()[0],
                    "training mlogloss falls");
        }
    }

    @Test
    void softmaxObjectiveGivesSameClassesAsSoftprob() {
        LabelMap labels = LabelMap.fromLabels(List.of("a", "b", "c"));
        float[][] embeddings = new float[60][Fixtures.DIM];
        List<Record> train = Fixtures.separable(60, 5, embeddings);
        FeatureSchema schema = FeatureSchema.fit(Fixtures.SCHEMA, train, Fixtures.DIM);
        float[][] features = schema.assemble(train, embeddings).values();
        int[] ids = Fixtures.labelIds(train, labels);
        XgbConfig softmax = Fixtures.FAST.toBuilder().objective("multi:softmax").build();

        try (XgbClassifier prob = XgbClassifier.train(Fixtures.FAST, schema, features, ids, labels);
                XgbClassifier max = XgbClassifier.train(softmax, schema, features, ids, labels)) {
            float[][] expected = prob.predictProba(features);
            float[][] recovered = max.predictProba(features);

            assertArrayEquals(prob.predict(features), max.predict(features));
            for (int r = 0; r < expected.length; r++) {
                assertArrayEquals(expected[r], recovered[r], 1e-5f);
            }
        }
    }

    @Test
    void trainRejectsLabelOutsideLabelMap() {
        FeatureSchema schema = new FeatureSchema(List.of(), List.of(), List.of(), 1);
        float[][] features = {{0f}, {1f}};

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> XgbClassifier.train(Fixtures.FAST, schema, features, new int[] {0, 2}, AB));

        assertTrue(error.getMessage().contains("Label id 2 at row index 1 is outside 0..1"),
                error.getMessage());
    }

    @Test
    void configRejectsUnsupportedObjective() {
        XgbConfig config = XgbConfig.builder().param("objective", "binary:logistic").build();

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> config.params(2));

        assertTrue(error.getMessage().contains("binary:logistic"), error.getMessage());
    }

    @Test
    void extraParamsOverrideDefaults() {
        XgbConfig config = XgbConfig.builder().param("max_depth", 3).param("subsample", 0.8).build();

        assertEquals(3, config.params(4).get("max_depth"));
        assertEquals(0.8, config.params(4).get("subsample"));
        assertEquals(4, config.params(4).get("num_class"));
        assertEquals("multi:softprob", XgbConfig.DEFAULT.params(4).get("objective"));
        assertEquals(100, XgbConfig.DEFAULT.rounds());
        assertEquals(42L, XgbConfig.DEFAULT.params(4).get("seed"));
    }

    static float[][] seededFeatures(int rows, int width, long seed) {
        Random random = new Random(seed);
        float[][] features = new float[rows][width];
        for (float[] row : features) {
            for (int c = 0; c < width; c++) {
                row[c] = random.nextFloat();
            }
        }
        return features;
    }
}
