package dev.st4j.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.st4j.data.LabelMap;
import dev.st4j.io.AtomicFiles;
import dev.st4j.io.Json;
import dev.st4j.io.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A saved classifier folder: {@code model.json} (XGBoost JSON model), {@code labels.json}
 * ({@link LabelMap}), {@code features.json} ({@link FeatureSchema}) and
 * {@code st4j-manifest.json} (encoder, settings, seed, library versions). Loading cross-checks
 * these files and reports any disagreement as expected against found.
 */
public record ClassifierBundle(XgbClassifier classifier, ClassifierManifestInfo info,
        Manifest manifest) implements AutoCloseable {

    public static final String MODEL_FILE = "model.json";
    public static final String KIND = "classifier";

    private static final List<String> FILES =
            List.of(MODEL_FILE, LabelMap.FILE_NAME, FeatureSchema.FILE_NAME, Manifest.FILE_NAME);
    private static final String ENCODER_KEY = "encoder";
    private static final String FEATURES_KEY = "features";
    private static final String LABELS_KEY = "labels";

    /**
     * Writes {@code classifier} into the folder {@code dir} atomically: the folder appears
     * complete or not at all.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code dir} exists and
     *     {@code overwrite} is false
     */
    public static void save(XgbClassifier classifier, Path dir, ClassifierManifestInfo info,
            boolean overwrite) throws IOException {
        byte[] model = classifier.modelJson();
        Manifest manifest = Manifest.of(KIND, manifestSettings(classifier, info), manifestInputs(info));
        AtomicFiles.writeDirectory(dir, overwrite, folder -> {
            Files.write(folder.resolve(MODEL_FILE), model);
            classifier.labels().save(folder.resolve(LabelMap.FILE_NAME), false);
            classifier.schema().save(folder.resolve(FeatureSchema.FILE_NAME), false);
            manifest.writeTo(folder);
        });
    }

    /**
     * Loads a folder written by {@link #save}.
     *
     * @throws IOException if a file is missing or unreadable
     * @throws IllegalArgumentException if the files disagree with each other (class count,
     *     feature count) or the manifest is not a classifier's
     */
    public static ClassifierBundle load(Path dir) throws IOException {
        checkFilesPresent(dir);
        Manifest manifest = Manifest.readFrom(dir);
        if (!KIND.equals(manifest.kind())) {
            throw new IllegalArgumentException(dir.resolve(Manifest.FILE_NAME) + " is a '"
                    + manifest.kind() + "' manifest, expected '" + KIND + "'; pass a classifier"
                    + " folder");
        }
        Object encoderSetting = manifest.settings().get(ENCODER_KEY);
        if (encoderSetting == null) {
            throw new IllegalArgumentException(dir.resolve(Manifest.FILE_NAME)
                    + " lacks settings." + ENCODER_KEY + "; the classifier cannot be matched to"
                    + " its encoder. Retrain and save it with st4j");
        }
        EncoderReference encoder = Json.MAPPER.convertValue(encoderSetting, EncoderReference.class);
        LabelMap labels = LabelMap.load(dir.resolve(LabelMap.FILE_NAME));
        FeatureSchema schema = FeatureSchema.load(dir.resolve(FeatureSchema.FILE_NAME));
        byte[] model = Files.readAllBytes(dir.resolve(MODEL_FILE));
        JsonNode learner = Json.MAPPER.readTree(model).path("learner");
        int modelClasses = learner.path("learner_model_param").path("num_class").asInt(-1);
        long modelFeatures = learner.path("learner_model_param").path("num_feature").asLong(-1);
        expect(dir, "classes", MODEL_FILE, modelClasses, LabelMap.FILE_NAME, labels.size());
        expect(dir, "features", MODEL_FILE, modelFeatures, FeatureSchema.FILE_NAME, schema.width());
        Map<String, Object> recorded = asMap(manifest.settings().get(FEATURES_KEY));
        expect(dir, "features", Manifest.FILE_NAME, asLong(recorded.get("width")),
                FeatureSchema.FILE_NAME, schema.width());
        expect(dir, "classes", Manifest.FILE_NAME, asLong(manifest.settings().get(LABELS_KEY)),
                LabelMap.FILE_NAME, labels.size());

        Map<String, Object> xgboost = asMap(manifest.settings().get("xgboost"));
        String objective = learner.path("objective").path("name").asText("");
        xgboost.put("objective", objective);
        Booster booster;
        try {
            booster = XGBoost.loadModel(model);
        } catch (XGBoostError e) {
            throw new IOException("XGBoost failed to read " + dir.resolve(MODEL_FILE) + ": "
                    + e.getMessage(), e);
        }
        XgbClassifier classifier = new XgbClassifier(booster, schema, labels, xgboost, new double[0]);
        ClassifierManifestInfo info =
                new ClassifierManifestInfo(encoder, manifest.settings(), manifest.inputs());
        return new ClassifierBundle(classifier, info, manifest);
    }

    /**
     * Checks that the encoder at hand is the one this classifier was trained with.
     *
     * @param foundWeightsSha256 SHA-256 of the loaded encoder's weights
     * @param foundWhere where that encoder was loaded from, for the message
     * @throws IllegalArgumentException naming the expected and the found hash
     */
    public void checkEncoder(String foundWeightsSha256, String foundWhere) {
        EncoderReference expected = info.encoder();
        if (!expected.weightsSha256().equals(foundWeightsSha256)) {
            throw new IllegalArgumentException("Encoder mismatch: the classifier was trained on"
                    + " the encoder " + expected.locator() + " with weights sha256 "
                    + expected.weightsSha256() + ", but the encoder loaded from " + foundWhere
                    + " has weights sha256 " + foundWeightsSha256 + ". Use the encoder it was"
                    + " trained with, or train a classifier on this encoder");
        }
    }

    @Override
    public void close() {
        classifier.close();
    }

    private static Map<String, Object> manifestSettings(XgbClassifier classifier,
            ClassifierManifestInfo info) {
        FeatureSchema schema = classifier.schema();
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("width", schema.width());
        features.put("text_columns", schema.textColumns());
        features.put("numeric_columns", schema.numericColumns());
        features.put("categorical_columns",
                schema.categoricalColumns().stream().map(FeatureSchema.CategoricalColumn::name).toList());
        features.put("embedding_dim", schema.embeddingDim());

        Map<String, Object> settings = new LinkedHashMap<>(info.settings());
        settings.put(ENCODER_KEY, info.encoder());
        settings.put("xgboost", classifier.settings());
        settings.put("seed", classifier.settings().get("seed"));
        settings.put(FEATURES_KEY, features);
        settings.put(LABELS_KEY, classifier.labels().size());
        return settings;
    }

    private static Map<String, String> manifestInputs(ClassifierManifestInfo info) {
        Map<String, String> inputs = new LinkedHashMap<>(info.inputs());
        inputs.put("encoder_weights", info.encoder().weightsSha256());
        return inputs;
    }

    private static void checkFilesPresent(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null,
                    "classifier folder not found; pass the folder a training run saved");
        }
        List<String> missing = new ArrayList<>();
        for (String file : FILES) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                missing.add(file);
            }
        }
        if (!missing.isEmpty()) {
            List<String> found;
            try (Stream<Path> list = Files.list(dir)) {
                found = list.map(p -> p.getFileName().toString()).sorted().toList();
            }
            throw new java.nio.file.NoSuchFileException(dir.toString(), null,
                    "classifier folder lacks " + missing + "; expected " + FILES + ", found "
                            + found);
        }
    }

    private static void expect(Path dir, String what, String expectedSource, long expected,
            String foundSource, long found) {
        if (expected != found) {
            throw new IllegalArgumentException("Classifier folder " + dir + " is inconsistent: "
                    + expectedSource + " expects " + expected + " " + what + " but "
                    + foundSource + " has " + found + ". Re-save the classifier with st4j");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map
                ? new LinkedHashMap<>((Map<String, Object>) map)
                : new LinkedHashMap<>();
    }

    private static long asLong(Object value) {
        return value instanceof Number number ? number.longValue() : -1;
    }
}
