package dev.st4j.classify;

import dev.st4j.data.LabelMap;
import dev.st4j.eval.Softmax;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gradient-boosted trees (XGBoost4J) over rows laid out by a {@link FeatureSchema}. Owns a native
 * {@link Booster}, so close it when done.
 *
 * <p>The number of classes is the size of the {@link LabelMap} (every label of the dataset), not
 * the number of classes present in the training rows, so a class seen only in the test split gets
 * a probability column (near zero) instead of shifting the ids.
 */
public final class XgbClassifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(XgbClassifier.class);

    private final Booster booster;
    private final FeatureSchema schema;
    private final LabelMap labels;
    private final Map<String, Object> settings;
    private final double[] trainingMetric;

    XgbClassifier(Booster booster, FeatureSchema schema, LabelMap labels, Map<String, Object> settings,
            double[] trainingMetric) {
        this.booster = booster;
        this.schema = schema;
        this.labels = labels;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.trainingMetric = trainingMetric.clone();
    }

    /**
     * Trains on {@code features} ({@code [rows, schema.width()]}, NaN = missing) with label ids
     * {@code labelIds} from {@code labelMap}.
     *
     * @throws IllegalArgumentException if the shapes disagree, a label id is out of range, or the
     *     label map has fewer than two labels
     * @throws IllegalStateException if XGBoost fails
     */
    public static XgbClassifier train(
            XgbConfig config, FeatureSchema schema, float[][] features, int[] labelIds,
            LabelMap labelMap) {
        int numClasses = labelMap.size();
        if (numClasses < 2) {
            throw new IllegalArgumentException("The label map has " + numClasses + " label(s) "
                    + labelMap.names() + "; a classifier needs at least 2");
        }
        if (features.length == 0) {
            throw new IllegalArgumentException("No training rows; the training split is empty");
        }
        if (features.length != labelIds.length) {
            throw new IllegalArgumentException("Got " + features.length + " feature rows but "
                    + labelIds.length + " labels; pass one label per row");
        }
        for (int i = 0; i < labelIds.length; i++) {
            if (labelIds[i] < 0 || labelIds[i] >= numClasses) {
                throw new IllegalArgumentException("Label id " + labelIds[i] + " at row index " + i
                        + " is outside 0.." + (numClasses - 1) + " of the label map");
            }
        }
        Map<String, Object> params = new LinkedHashMap<>(config.params(numClasses));
        // XGBoost4J 3.4.0 prints each round's metric to stdout unless verbose_eval is the string
        // "false", because it compares strings and so ignores Boolean.FALSE. The rounds are
        // logged at DEBUG below instead.
        params.putIfAbsent("verbose_eval", "false");
        float[] labelValues = new float[labelIds.length];
        for (int i = 0; i < labelIds.length; i++) {
            labelValues[i] = labelIds[i];
        }
        long start = System.nanoTime();
        try (NativeMatrix train = NativeMatrix.of(features, schema, config.categorical())) {
            train.matrix().setLabel(labelValues);
            Map<String, DMatrix> watches = new LinkedHashMap<>();
            watches.put("train", train.matrix());
            float[][] metrics = new float[1][config.rounds()];
            Booster booster = XGBoost.train(
                    train.matrix(), params, config.rounds(), watches, metrics, null, null, 0);
            double[] trainMetric = new double[config.rounds()];
            for (int round = 0; round < config.rounds(); round++) {
                trainMetric[round] = metrics[0][round];
                LOG.debug("XGBoost round {}: train {} {}", round, config.evalMetric(),
                        metrics[0][round]);
            }
            LOG.info("Trained XGBoost on {} rows x {} features, {} classes, {} rounds in {} s;"
                            + " final train {} {}",
                    features.length, schema.width(), numClasses, config.rounds(),
                    String.format("%.1f", (System.nanoTime() - start) / 1e9), config.evalMetric(),
                    String.format("%.4f", trainMetric[config.rounds() - 1]));
            return new XgbClassifier(booster, schema, labelMap, config.settings(numClasses),
                    trainMetric);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the class probabilities of each row, {@code [rows, labels().size()]}, each row
     * summing to 1 up to float rounding.
     */
    public float[][] predictProba(float[][] features) {
        if (features.length == 0) {
            return new float[0][];
        }
        try (NativeMatrix matrix = NativeMatrix.of(features, schema, categorical())) {
            if (XgbConfig.SOFTMAX.equals(settings.get("objective"))) {
                // multi:softmax predicts class ids only, so its probabilities come from the
                // margins, which are the same softmax inputs multi:softprob normalises.
                return softmax(booster.predict(matrix.matrix(), true));
            }
            return booster.predict(matrix.matrix());
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
    }

    /** Returns the most probable label id of each row (ties go to the lower id). */
    public int[] predict(float[][] features) {
        return argmax(predictProba(features));
    }

    /** Saves the classifier as a bundle folder; see {@link ClassifierBundle#save}. */
    public void save(Path dir, ClassifierManifestInfo info, boolean overwrite) throws IOException {
        ClassifierBundle.save(this, dir, info, overwrite);
    }

    /** Loads a classifier saved by {@link #save}; see {@link ClassifierBundle#load}. */
    public static XgbClassifier load(Path dir) throws IOException {
        return ClassifierBundle.load(dir).classifier();
    }

    public FeatureSchema schema() {
        return schema;
    }

    public LabelMap labels() {
        return labels;
    }

    /** XGBoost parameters, rounds and categorical typing this classifier was trained with. */
    public Map<String, Object> settings() {
        return settings;
    }

    /**
     * Returns the evaluation metric on the training rows after each round (empty for a loaded
     * classifier, since XGBoost does not store it).
     */
    public double[] trainingMetric() {
        return trainingMetric.clone();
    }

    /** Returns the model as XGBoost JSON, the format {@code xgboost.Booster.load_model} reads. */
    public byte[] modelJson() {
        try {
            return booster.toByteArray("json");
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to serialise the model: "
                    + e.getMessage(), e);
        }
    }

    /** Returns the index of the largest value in each row; ties go to the lower index. */
    public static int[] argmax(float[][] probabilities) {
        int[] best = new int[probabilities.length];
        for (int r = 0; r < probabilities.length; r++) {
            float[] row = probabilities[r];
            int arg = 0;
            for (int c = 1; c < row.length; c++) {
                if (row[c] > row[arg]) {
                    arg = c;
                }
            }
            best[r] = arg;
        }
        return best;
    }

    @Override
    public void close() {
        booster.dispose();
    }

    private boolean categorical() {
        return !Boolean.FALSE.equals(settings.get("categorical"));
    }

    private static float[][] softmax(float[][] margins) {
        float[][] probabilities = new float[margins.length][];
        for (int r = 0; r < margins.length; r++) {
            probabilities[r] = Softmax.apply(margins[r]);
        }
        return probabilities;
    }
}
