package dev.st4j.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How token embeddings become one sentence embedding, as in sentence-transformers'
 * {@code 1_Pooling/config.json}.
 */
public enum PoolingMode {
    /** Average of the token embeddings that the attention mask keeps. */
    MEAN("pooling_mode_mean_tokens"),
    /** Embedding of the first token ({@code [CLS]} or {@code <s>}). */
    CLS("pooling_mode_cls_token"),
    /** Element-wise maximum over the token embeddings that the attention mask keeps. */
    MAX("pooling_mode_max_tokens");

    private final String configKey;

    PoolingMode(String configKey) {
        this.configKey = configKey;
    }

    /** The boolean key that selects this mode in sentence-transformers' pooling config. */
    public String configKey() {
        return configKey;
    }

    /**
     * Parses a mode name such as {@code mean}, {@code cls} or {@code max}, ignoring case.
     *
     * @throws IllegalArgumentException naming the valid modes when {@code name} is none of them
     */
    public static PoolingMode parse(String name) {
        for (PoolingMode mode : values()) {
            if (mode.name().equalsIgnoreCase(name.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Invalid pooling mode '" + name + "': expected one of "
                + Arrays.stream(values())
                        .map(m -> m.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }
}
