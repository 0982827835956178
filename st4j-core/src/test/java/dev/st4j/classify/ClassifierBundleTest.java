package dev.st4j.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.st4j.data.LabelMap;
import dev.st4j.data.Record;
import dev.st4j.io.Manifest;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierBundleTest {

    private static final String SHA = "a".repeat(64);
    private static final ClassifierManifestInfo INFO = new ClassifierManifestInfo(
            new EncoderReference("all-minilm-l6-v2", "/models/minilm", SHA, 128, false),
            Map.of("split_seed", 42), Map.of("dataset", "b".repeat(64)));
    private static final LabelMap LABELS = LabelMap.fromLabels(List.of("a", "b", "c"));

    private static FeatureSchema schema;
    private static float[][] features;
    private static int[] labelIds;

    @BeforeAll
    static void makeData() {
        float[][] embeddings = new float[90][Fixtures.DIM];
        List<Record> train = Fixtures.separable(90, 7, embeddings);
        schema = FeatureSchema.fit(Fixtures.SCHEMA, train, Fixtures.DIM);
        features = schema.assemble(train, embeddings).values();
        labelIds = Fixtures.labelIds(train, LABELS);
    }

    @Test
    void loadedClassifierPredictsExactlyAsSaved(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("classifier");
        float[][] before;
        try (XgbClassifier classifier =
                XgbClassifier.train(Fixtures.FAST, schema, features, labelIds, LABELS)) {
            before = classifier.predictProba(features);
            classifier.save(bundle, INFO, false);
        }

        try (ClassifierBundle loaded = ClassifierBundle.load(bundle)) {
            float[][] after = loaded.classifier().predictProba(features);

            for (int r = 0; r < before.length; r++) {
                assertArrayEquals(before[r], after[r], 0f, "row " + r);
            }
            assertEquals(LABELS, loaded.classifier().labels());
            assertEquals(schema, loaded.classifier().schema());
            assertEquals(INFO.encoder(), loaded.info().encoder());
            assertEquals(ClassifierBundle.KIND, loaded.manifest().kind());
            assertEquals(42, loaded.manifest().settings().get("seed"));
            assertEquals(SHA, loaded.manifest().inputs().get("encoder_weights"));
        }
    }

    @Test
    void bundleHoldsXgboostJsonModel(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("classifier");
        try (XgbClassifier classifier =
                XgbClassifier.train(Fixtures.FAST, schema, features, labelIds, LABELS)) {
            classifier.save(bundle, INFO, false);
        }

        String model = Files.readString(bundle.resolve(ClassifierBundle.MODEL_FILE));

        assertTrue(model.startsWith("{"), "model.json is JSON");
        assertTrue(model.contains("\"multi:softprob\""), "objective recorded in the model");
        assertEquals("[ \"a\", \"b\", \"c\" ]",
                Files.readString(bundle.resolve(LabelMap.FILE_NAME)).replaceAll("\\s+", " ").trim());
    }

    @Test
    void saveRejectsExistingFolderWithoutOverwrite(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("classifier");
        try (XgbClassifier classifier =
                XgbClassifier.train(Fixtures.FAST, schema, features, labelIds, LABELS)) {
            classifier.save(bundle, INFO, false);

            assertThrows(FileAlreadyExistsException.class, () -> classifier.save(bundle, INFO, false));
            assertDoesNotThrow(() -> classifier.save(bundle, INFO, true));
        }
    }

    @Test
    void checkEncoderNamesExpectedAndFoundHash(@TempDir Path dir) throws Exception {
        Path bundle = saved(dir);
        String other = "f".repeat(64);

        try (ClassifierBundle loaded = ClassifierBundle.load(bundle)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> loaded.checkEncoder(other, "/models/other"));

            String message = error.getMessage();
            assertTrue(message.contains("weights sha256 " + SHA), message);
            assertTrue(message.contains("/models/other has weights sha256 " + other), message);
            assertDoesNotThrow(() -> loaded.checkEncoder(SHA, "/models/minilm"));
        }
    }

    @Test
    void loadRejectsLabelsThatDisagreeWithModel(@TempDir Path dir) throws Exception {
        Path bundle = saved(dir);
        Files.writeString(bundle.resolve(LabelMap.FILE_NAME), "[\"a\", \"b\"]");

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> ClassifierBundle.load(bundle));

        assertTrue(error.getMessage().contains("model.json expects 3 classes but labels.json has 2"),
                error.getMessage());
    }

    @Test
    void loadRejectsForeignManifest(@TempDir Path dir) throws Exception {
        Path bundle = saved(dir);
        Manifest.of("model", Map.of(), Map.of()).writeTo(bundle);

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> ClassifierBundle.load(bundle));

        assertTrue(error.getMessage().contains("is a 'model' manifest, expected 'classifier'"),
                error.getMessage());
    }

    @Test
    void loadNamesMissingFiles(@TempDir Path dir) throws Exception {
        Path bundle = saved(dir);
        Files.delete(bundle.resolve(FeatureSchema.FILE_NAME));

        NoSuchFileException error =
                assertThrows(NoSuchFileException.class, () -> ClassifierBundle.load(bundle));

        assertTrue(error.getMessage().contains("lacks [features.json]"), error.getMessage());
    }

    private static Path saved(Path dir) throws Exception {
        Path bundle = dir.resolve("classifier");
        try (XgbClassifier classifier =
                XgbClassifier.train(Fixtures.FAST, schema, features, labelIds, LABELS)) {
            classifier.save(bundle, INFO, false);
        }
        return bundle;
    }
}
