package dev.st4j.eval;

/** Turns a row of class scores (logits or XGBoost margins) into probabilities. */
public final class Softmax {

    private Softmax() {}

    /**
     * Returns the softmax of {@code scores}, computed in doubles after subtracting the row
     * maximum, so large scores cannot overflow {@code exp()}.
     */
    public static float[] apply(float[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (float score : scores) {
            max = Math.max(max, score);
        }
        double sum = 0;
        double[] exps = new double[scores.length];
        for (int c = 0; c < scores.length; c++) {
            exps[c] = Math.exp(scores[c] - max);
            sum += exps[c];
        }
        float[] probabilities = new float[scores.length];
        for (int c = 0; c < scores.length; c++) {
            probabilities[c] = (float) (exps[c] / sum);
        }
        return probabilities;
    }
}
