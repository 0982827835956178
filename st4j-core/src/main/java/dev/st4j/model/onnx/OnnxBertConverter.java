package dev.st4j.model.onnx;

import dev.st4j.model.Architecture;
import dev.st4j.model.EncoderConfig;
import dev.st4j.model.ModelLoadException;
import dev.st4j.model.ParameterLayout;
import dev.st4j.model.Safetensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers Hugging Face parameters and {@code config.json} settings from a BERT model exported
 * to ONNX by {@code torch.onnx.export}.
 *
 * <p>The exporter keeps Hugging Face names for embeddings, biases and LayerNorm parameters, but
 * turns each {@code nn.Linear} weight into an anonymous initializer ({@code onnx::MatMul_N})
 * holding the transposed matrix. Such a weight is identified by the graph, not by its number:
 * the MatMul that reads it feeds an Add whose other input is {@code <module>.bias}, so it is
 * {@code <module>.weight} transposed back to {@code [out, in]}. Settings that only the graph
 * holds (head count, LayerNorm epsilon, activation) are read from the nodes that use them.
 */
public final class OnnxBertConverter {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxBertConverter.class);
    private static final Pattern LAYER_INDEX = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");

    /**
     * Dropout rates are not part of an inference graph. BERT's defaults (0.1) are what
     * all-MiniLM-L6-v2, bge-small-en-v1.5 and e5-small-v2 publish in their config.json.
     */
    public static final double DEFAULT_DROPOUT = 0.1;

    /** The recovered encoder: settings and HF-named float32 tensors in forward order. */
    public record Converted(EncoderConfig config, Map<String, Safetensors.Tensor> tensors) {}

    private OnnxBertConverter() {}

    /**
     * Converts a BERT graph.
     *
     * @param source name of the ONNX file, for error messages
     * @param padTokenId the tokenizer's padding id, written to config.json
     * @throws ModelLoadException when the graph is not a BERT encoder this converter understands
     */
    public static Converted convert(OnnxGraph graph, String source, int padTokenId) {
        for (String input : List.of("input_ids", "attention_mask")) {
            if (!graph.inputs().contains(input)) {
                throw new ModelLoadException(source + ": graph input '" + input + "' is missing;"
                        + " inputs are " + graph.inputs() + ". Expected a BERT encoder export");
            }
        }
        Map<String, Safetensors.Tensor> named = new LinkedHashMap<>();
        for (OnnxGraph.Tensor tensor : graph.initializers().values()) {
            if (!isAnonymous(tensor.name()) && tensor.dataType() == OnnxGraph.FLOAT) {
                String name = ParameterLayout.canonicalName(tensor.name(), Architecture.BERT);
                named.put(name, Safetensors.Tensor.of(tensor.dims(), tensor.floats()));
            }
        }
        named.putAll(linearWeights(graph, source));
        EncoderConfig config = deriveConfig(graph, named, source, padTokenId);

        Map<String, long[]> expected = ParameterLayout.expectedShapes(config);
        Map<String, Safetensors.Tensor> ordered = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            Safetensors.Tensor tensor = named.remove(name);
            if (tensor == null) {
                throw new ModelLoadException(source + ": parameter '" + name
                        + "' was not found among the graph's initializers");
            }
            ordered.put(name, tensor);
        }
        if (!named.isEmpty()) {
            LOG.warn("{}: ignoring initializers that a BERT encoder does not use: {}", source,
                    new TreeSet<>(named.keySet()));
        }
        return new Converted(config, ordered);
    }

    private static boolean isAnonymous(String name) {
        return name.startsWith("onnx::");
    }

    /** Resolves every MatMul/Gemm weight to {@code <module>.weight} as [out, in]. */
    private static Map<String, Safetensors.Tensor> linearWeights(OnnxGraph graph, String source) {
        Map<String, Safetensors.Tensor> weights = new LinkedHashMap<>();
        for (OnnxGraph.Node node : graph.nodes()) {
            boolean gemm = node.opType().equals("Gemm");
            if (!gemm && !node.opType().equals("MatMul")) {
                continue;
            }
            OnnxGraph.Tensor weight = graph.initializers().get(node.input(1));
            if (weight == null) {
                continue; // activation x activation, such as the attention scores
            }
            String bias = gemm ? node.input(2) : biasOfAdd(graph, node.outputs().get(0))
                    .orElseThrow(() -> new ModelLoadException(source + ": MatMul node '"
                            + node.name() + "' reads weight '" + weight.name() + "' but its"
                            + " output feeds no Add with a '<module>.bias' initializer, so the"
                            + " weight's module cannot be named"));
            if (!bias.endsWith(".bias")) {
                throw new ModelLoadException(source + ": Gemm node '" + node.name()
                        + "' has bias '" + bias + "', expected a '<module>.bias' initializer");
            }
            String name = ParameterLayout.canonicalName(
                    bias.substring(0, bias.length() - ".bias".length()) + ".weight", Architecture.BERT);
            boolean alreadyOutIn = gemm && node.attributes().containsKey("transB")
                    && node.attributes().get("transB").intValue() == 1;
            weights.put(name, alreadyOutIn
                    ? Safetensors.Tensor.of(weight.dims(), weight.floats())
                    : transpose(weight));
        }
        return weights;
    }

    private static Optional<String> biasOfAdd(OnnxGraph graph, String value) {
        for (OnnxGraph.Node consumer : graph.consumers(value)) {
            if (!consumer.opType().equals("Add")) {
                continue;
            }
            for (String input : consumer.inputs()) {
                if (input.endsWith(".bias") && graph.initializers().containsKey(input)) {
                    return Optional.of(input);
                }
            }
        }
        return Optional.empty();
    }

    /** [in, out] as stored for {@code x @ W} to [out, in] as {@code nn.Linear} keeps it. */
    private static Safetensors.Tensor transpose(OnnxGraph.Tensor weight) {
        if (weight.dims().length != 2) {
            throw new ModelLoadException("ONNX weight '" + weight.name() + "' has "
                    + weight.dims().length + " dimensions, expected a 2-D matrix");
        }
        int rows = (int) weight.dims()[0];
        int columns = (int) weight.dims()[1];
        float[] values = weight.floats();
        float[] transposed = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                transposed[c * rows + r] = values[r * columns + c];
            }
        }
        return Safetensors.Tensor.of(new long[] {columns, rows}, transposed);
    }

    private static EncoderConfig deriveConfig(OnnxGraph graph,
            Map<String, Safetensors.Tensor> named, String source, int padTokenId) {
        long[] words = shapeOf(named, ParameterLayout.WORD_EMBEDDINGS, source);
        long[] positions = shapeOf(named, ParameterLayout.POSITION_EMBEDDINGS, source);
        long[] types = shapeOf(named, ParameterLayout.TOKEN_TYPE_EMBEDDINGS, source);
        int layers = 0;
        for (String name : named.keySet()) {
            Matcher matcher = LAYER_INDEX.matcher(name);
            if (matcher.find()) {
                layers = Math.max(layers, Integer.parseInt(matcher.group(1)) + 1);
            }
        }
        long[] intermediate = shapeOf(named, ParameterLayout.layer(0) + "intermediate.dense.bias", source);
        int hidden = (int) words[1];
        int heads = OnnxGraphFacts.attentionHeads(graph, hidden, source);
        double eps = OnnxGraphFacts.layerNormEpsilon(graph, ParameterLayout.EMBEDDINGS_NORM + ".weight", source);
        String activation = OnnxGraphFacts.activation(graph, source);
        LOG.debug("{}: {} layers, hidden {}, {} heads, eps {}, activation {}", source, layers,
                hidden, heads, eps, activation);
        return new EncoderConfig(Architecture.BERT, (int) words[0], hidden, layers, heads,
                (int) intermediate[0], activation, DEFAULT_DROPOUT, DEFAULT_DROPOUT,
                (int) positions[0], (int) types[0], eps, padTokenId, null);
    }

    private static long[] shapeOf(Map<String, Safetensors.Tensor> named, String name, String source) {
        Safetensors.Tensor tensor = named.get(name);
        if (tensor == null) {
            List<String> present = new ArrayList<>(named.keySet());
            throw new ModelLoadException(source + ": initializer '" + name + "' is missing, so"
                    + " this is not a BERT export (first names: "
                    + present.subList(0, Math.min(5, present.size())) + ")");
        }
        return tensor.shape();
    }
}
