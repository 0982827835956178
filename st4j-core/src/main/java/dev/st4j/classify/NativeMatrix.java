package dev.st4j.classify;

import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A dense XGBoost {@link DMatrix} in try-with-resources form, so the native memory is freed
 * even when training or prediction throws.
 */
final class NativeMatrix implements AutoCloseable {

    private final DMatrix matrix;

    private NativeMatrix(DMatrix matrix) {
        this.matrix = matrix;
    }

    /**
     * Copies {@code rows} ({@code [rows, schema.width()]}) into a dense matrix whose missing
     * marker is NaN. The dense constructor with an explicit missing value is used on purpose:
     * it stores 0.0 as a value, whereas sparse inputs would drop zeros as absent entries.
     */
    static NativeMatrix of(float[][] rows, FeatureSchema schema, boolean categorical)
            throws XGBoostError {
        int width = schema.width();
        float[] flat = new float[Math.multiplyExact(rows.length, width)];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException("Feature row " + r + " has " + rows[r].length
                        + " values but the feature schema has " + width + " columns");
            }
            System.arraycopy(rows[r], 0, flat, r * width, width);
        }
        DMatrix matrix = new DMatrix(flat, rows.length, width, Float.NaN);
        try {
            matrix.setFeatureNames(schema.featureNames().toArray(String[]::new));
            matrix.setFeatureTypes(schema.featureTypes(categorical));
        } catch (XGBoostError | RuntimeException e) {
            matrix.dispose();
            throw e;
        }
        return new NativeMatrix(matrix);
    }

    DMatrix matrix() {
        return matrix;
    }

    @Override
    public void close() {
        matrix.dispose();
    }
}
