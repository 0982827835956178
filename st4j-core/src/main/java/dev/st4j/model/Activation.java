package dev.st4j.model;

import java.util.Locale;

/** Feed-forward activations that {@code config.json}'s {@code hidden_act} may name. */
public enum Activation {
    /** Exact GELU, {@code x * Phi(x)} with the error function. */
    GELU,
    /** GELU through the tanh approximation ({@code gelu_new}, {@code gelu_pytorch_tanh}). */
    GELU_TANH,
    RELU,
    /** {@code x * sigmoid(x)}, also called swish. */
    SILU;

    /**
     * Maps a {@code hidden_act} value to an activation.
     *
     * @throws ModelLoadException naming the supported values
     */
    public static Activation fromConfig(String name, String file) {
        String value = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (value) {
            case "gelu" -> GELU;
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GELU_TANH;
            case "relu" -> RELU;
            case "silu", "swish" -> SILU;
            default -> throw new ModelLoadException(file + ": hidden_act '" + name
                    + "' is not supported: use gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu,"
                    + " silu or swish");
        };
    }
}
