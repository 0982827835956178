package dev.st4j.eval;

/**
 * Training loss of one fine-tuning run, one point per logged step.
 *
 * @param runName legend entry in the loss chart
 * @param steps optimiser step of each point
 * @param losses loss at each step, same length as {@code steps}
 */
public record LossCurve(String runName, long[] steps, double[] losses) {

    public LossCurve {
        if (steps.length != losses.length) {
            throw new IllegalArgumentException("Loss curve '" + runName + "' has " + steps.length
                    + " steps but " + losses.length + " losses; pass one loss per step");
        }
        steps = steps.clone();
        losses = losses.clone();
    }
}
