package dev.st4j.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hugging Face parameter names and shapes of a BERT-layout encoder, in the order the forward
 * pass uses them. Linear weights are {@code [out, in]} as in {@code torch.nn.Linear}.
 */
public final class ParameterLayout {

    public static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";
    public static final String POSITION_EMBEDDINGS = "embeddings.position_embeddings.weight";
    public static final String TOKEN_TYPE_EMBEDDINGS = "embeddings.token_type_embeddings.weight";
    public static final String EMBEDDINGS_NORM = "embeddings.LayerNorm";

    private ParameterLayout() {}

    /** Prefix of every parameter of layer {@code index}. */
    public static String layer(int index) {
        return "encoder.layer." + index + ".";
    }

    /** Returns name to shape of every parameter the forward pass needs, in forward order. */
    public static Map<String, long[]> expectedShapes(EncoderConfig config) {
        long h = config.hiddenSize();
        long i = config.intermediateSize();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put(WORD_EMBEDDINGS, new long[] {config.vocabSize(), h});
        shapes.put(POSITION_EMBEDDINGS, new long[] {config.maxPositionEmbeddings(), h});
        shapes.put(TOKEN_TYPE_EMBEDDINGS, new long[] {config.typeVocabSize(), h});
        shapes.put(EMBEDDINGS_NORM + ".weight", new long[] {h});
        shapes.put(EMBEDDINGS_NORM + ".bias", new long[] {h});
        for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
            String prefix = layer(layer);
            for (String projection : new String[] {"query", "key", "value"}) {
                linear(shapes, prefix + "attention.self." + projection, h, h);
            }
            linear(shapes, prefix + "attention.output.dense", h, h);
            norm(shapes, prefix + "attention.output.LayerNorm", h);
            linear(shapes, prefix + "intermediate.dense", i, h);
            linear(shapes, prefix + "output.dense", h, i);
            norm(shapes, prefix + "output.LayerNorm", h);
        }
        return shapes;
    }

    /**
     * Returns the Hugging Face name for a checkpoint key: drops the architecture prefix that
     * task models add ({@code bert.}, {@code roberta.}) and renames TensorFlow-era LayerNorm
     * {@code gamma}/{@code beta} to {@code weight}/{@code bias}.
     */
    public static String canonicalName(String key, Architecture architecture) {
        String name = key;
        String prefix = architecture == Architecture.BERT ? "bert." : "roberta.";
        if (name.startsWith(prefix)) {
            name = name.substring(prefix.length());
        }
        if (name.endsWith("LayerNorm.gamma")) {
            name = name.substring(0, name.length() - "gamma".length()) + "weight";
        } else if (name.endsWith("LayerNorm.beta")) {
            name = name.substring(0, name.length() - "beta".length()) + "bias";
        }
        return name;
    }

    private static void linear(Map<String, long[]> shapes, String module, long out, long in) {
        shapes.put(module + ".weight", new long[] {out, in});
        shapes.put(module + ".bias", new long[] {out});
    }

    private static void norm(Map<String, long[]> shapes, String module, long size) {
        shapes.put(module + ".weight", new long[] {size});
        shapes.put(module + ".bias", new long[] {size});
    }
}
