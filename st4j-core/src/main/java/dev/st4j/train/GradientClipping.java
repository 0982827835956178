package dev.st4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

import java.util.Collection;

/**
 * Clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_} defines it: the L2 norm over
 * all gradients together, and a factor {@code maxNorm / (norm + 1e-6)} applied to every gradient
 * when the norm exceeds {@code maxNorm}. The factor is handed to {@link AdamW#update} rather than
 * multiplied into the gradients here.
 */
public final class GradientClipping {

    private static final double EPSILON = 1e-6;

    private GradientClipping() {}

    /**
     * Returns the L2 norm of all {@code gradients} taken as one vector, NaN or infinite when any
     * element is. The per-tensor norms are reduced on the device and read back once.
     */
    public static double globalNorm(Collection<NDArray> gradients) {
        if (gradients.isEmpty()) {
            return 0;
        }
        NDList norms = new NDList(gradients.size());
        try {
            try (NoGrad ignored = NoGrad.enter()) {
                for (NDArray gradient : gradients) {
                    norms.add(gradient.norm());
                }
                try (NDArray stacked = NDArrays.stack(norms);
                        NDArray total = stacked.norm()) {
                    return total.toFloatArray()[0];
                }
            }
        } finally {
            norms.close();
        }
    }

    /**
     * Returns the factor that scales gradients of global norm {@code norm} down to {@code maxNorm}:
     * 1 when the norm is within bounds or clipping is off ({@code maxNorm} 0).
     */
    public static double clipFactor(double norm, double maxNorm) {
        if (maxNorm <= 0) {
            return 1;
        }
        double factor = maxNorm / (norm + EPSILON);
        return Math.min(1, factor);
    }
}
