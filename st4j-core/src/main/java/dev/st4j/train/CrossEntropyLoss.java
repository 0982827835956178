package dev.st4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * Mean cross-entropy of logits against class ids, with optional per-class weights and label
 * smoothing, matching {@code torch.nn.functional.cross_entropy(logits, y, weight=w,
 * label_smoothing=s)}: per row {@code (1-s) * w[y] * -log p[y] + (s/C) * sum_c w[c] * -log p[c]},
 * summed over rows and divided by {@code sum w[y]} over rows.
 *
 * <p>Log-probabilities come from a log-softmax, which subtracts the row maximum before
 * exponentiating, so large logits do not overflow. The weights and the normalisation fold into one
 * constant target matrix created beside the logits; it lives as long as the logits' manager, so it
 * outlives {@code backward()} (a scalar constant freed before backward can corrupt the gradient).
 */
public final class CrossEntropyLoss {

    private final int classes;
    private final double labelSmoothing;
    private final double[] classWeights;

    /**
     * @param classWeights one weight per class, or {@code null} for weight 1 everywhere
     */
    public CrossEntropyLoss(int classes, double labelSmoothing, double[] classWeights) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes is " + classes + " but must be at least 1");
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException(
                    "labelSmoothing is " + labelSmoothing + " but must be in [0, 1)");
        }
        if (classWeights != null && classWeights.length != classes) {
            throw new IllegalArgumentException(
                    "classWeights has "
                            + classWeights.length
                            + " entries but there are "
                            + classes
                            + " classes");
        }
        this.classes = classes;
        this.labelSmoothing = labelSmoothing;
        this.classWeights = classWeights == null ? null : classWeights.clone();
    }

    /**
     * Returns balanced inverse-frequency weights {@code n / (C * count[c])} for training labels
     * {@code labels} (ids in 0..classes-1), the scheme scikit-learn calls "balanced". A class with
     * no training rows gets weight 0: it is never a target, so its weight only scales its share of
     * label smoothing.
     */
    public static double[] inverseFrequencyWeights(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        double[] weights = new double[classes];
        for (int c = 0; c < classes; c++) {
            weights[c] =
                    counts[c] == 0 ? 0 : (double) labels.length / ((double) classes * counts[c]);
        }
        return weights;
    }

    /**
     * Returns the mean loss as a scalar array, differentiable with respect to {@code logits}.
     *
     * @param logits {@code [batch, classes]}
     * @param labels class id of each row, {@code batch} entries
     */
    public NDArray compute(NDArray logits, int[] labels) {
        Shape shape = logits.getShape();
        if (shape.dimension() != 2 || shape.get(1) != classes || shape.get(0) != labels.length) {
            throw new IllegalArgumentException(
                    "logits have shape "
                            + shape
                            + " but expected ["
                            + labels.length
                            + ", "
                            + classes
                            + "] for "
                            + labels.length
                            + " labels");
        }
        float[] target = targetMatrix(labels);
        NDArray weightedTarget =
                logits.getManager()
                        .create(target, new Shape(labels.length, classes))
                        .toDevice(logits.getDevice(), false);
        NDArray logProbabilities = logits.logSoftmax(1);
        return logProbabilities.mul(weightedTarget).sum().neg();
    }

    /**
     * Returns the {@code [batch, classes]} row-major matrix whose inner product with the
     * log-probabilities is minus the mean loss.
     */
    float[] targetMatrix(int[] labels) {
        double offTarget = labelSmoothing / classes;
        double onTarget = 1 - labelSmoothing;
        double normaliser = 0;
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(
                        "label id " + label + " is outside 0.." + (classes - 1));
            }
            normaliser += weight(label);
        }
        if (!(normaliser > 0)) {
            throw new IllegalArgumentException(
                    "labels "
                            + Arrays.toString(labels)
                            + " all have class weight 0, so the weighted mean loss is undefined");
        }
        float[] target = new float[labels.length * classes];
        for (int row = 0; row < labels.length; row++) {
            for (int c = 0; c < classes; c++) {
                double value = offTarget * weight(c);
                if (c == labels[row]) {
                    value += onTarget * weight(c);
                }
                target[row * classes + c] = (float) (value / normaliser);
            }
        }
        return target;
    }

    private double weight(int c) {
        return classWeights == null ? 1 : classWeights[c];
    }
}
