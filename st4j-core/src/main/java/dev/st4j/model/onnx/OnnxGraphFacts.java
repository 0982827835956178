package dev.st4j.model.onnx;

import dev.st4j.model.ModelLoadException;
import dev.st4j.model.ParameterLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Encoder settings that an ONNX export holds only in its nodes, found by walking the graph. */
final class OnnxGraphFacts {

    private OnnxGraphFacts() {}

    /**
     * Reads the head count from the Reshape that splits layer 0's key projection into
     * [batch, seq, heads, headDim].
     */
    static int attentionHeads(OnnxGraph graph, int hidden, String source) {
        String keyBias = ParameterLayout.layer(0) + "attention.self.key.bias";
        for (OnnxGraph.Node add : graph.consumers(keyBias)) {
            for (OnnxGraph.Node reshape : graph.consumers(add.outputs().get(0))) {
                if (!reshape.opType().equals("Reshape")) {
                    continue;
                }
                List<Long> shape = shapeValues(graph, reshape.input(1));
                if (shape.size() == 4 && shape.get(2) > 0 && shape.get(2) * shape.get(3) == hidden) {
                    return (int) (long) shape.get(2);
                }
            }
        }
        throw new ModelLoadException(source + ": could not find the attention head count: no"
                + " Reshape of '" + keyBias + "' to [batch, seq, heads, headDim] in the graph");
    }

    /** Values of a shape input; -1 marks a dimension computed at run time. */
    private static List<Long> shapeValues(OnnxGraph graph, String value) {
        List<Long> values = new ArrayList<>();
        Optional<OnnxGraph.Tensor> constant = graph.constant(value);
        if (constant.isPresent()) {
            for (long v : constant.get().longs()) {
                values.add(v);
            }
            return values;
        }
        Optional<OnnxGraph.Node> concat = graph.producer(value)
                .filter(node -> node.opType().equals("Concat"));
        if (concat.isEmpty()) {
            return values;
        }
        for (String part : concat.get().inputs()) {
            Optional<OnnxGraph.Tensor> piece = graph.constant(part);
            if (piece.isPresent()) {
                for (long v : piece.get().longs()) {
                    values.add(v);
                }
            } else {
                values.add(-1L);
            }
        }
        return values;
    }

    /**
     * Reads the epsilon of the LayerNorm that applies {@code gammaName}: either a fused
     * LayerNormalization node's attribute, or the constant added to the variance in the
     * decomposed form {@code (x - mean) / sqrt(var + eps) * gamma + beta}.
     */
    static double layerNormEpsilon(OnnxGraph graph, String gammaName, String source) {
        for (OnnxGraph.Node node : graph.consumers(gammaName)) {
            if (node.opType().equals("LayerNormalization")) {
                OnnxGraph.Attribute epsilon = node.attributes().get("epsilon");
                return epsilon == null ? 1e-5 : shortest(epsilon.floatValue());
            }
            if (!node.opType().equals("Mul")) {
                continue;
            }
            for (String input : node.inputs()) {
                Optional<Double> eps = graph.producer(input)
                        .filter(div -> div.opType().equals("Div"))
                        .flatMap(div -> graph.producer(div.input(1)))
                        .filter(sqrt -> sqrt.opType().equals("Sqrt"))
                        .flatMap(sqrt -> graph.producer(sqrt.input(0)))
                        .filter(add -> add.opType().equals("Add"))
                        .flatMap(add -> firstScalar(graph, add));
                if (eps.isPresent()) {
                    return eps.get();
                }
            }
        }
        throw new ModelLoadException(source + ": could not find the LayerNorm epsilon: no"
                + " LayerNormalization or Div/Sqrt/Add chain uses '" + gammaName + "'");
    }

    private static Optional<Double> firstScalar(OnnxGraph graph, OnnxGraph.Node node) {
        for (String input : node.inputs()) {
            Optional<OnnxGraph.Tensor> constant = graph.constant(input);
            if (constant.isPresent() && constant.get().elementCount() == 1) {
                return Optional.of(shortest(constant.get().floats()[0]));
            }
        }
        return Optional.empty();
    }

    /** The double that prints like the float32 constant, so 1e-12f becomes 1e-12, not 9.99e-13. */
    private static double shortest(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    /** Names the feed-forward activation from the operators the export used for it. */
    static String activation(OnnxGraph graph, String source) {
        String intermediate = "/" + "intermediate/";
        boolean erf = false;
        boolean tanh = false;
        boolean relu = false;
        for (OnnxGraph.Node node : graph.nodes()) {
            erf |= node.opType().equals("Erf");
            tanh |= node.opType().equals("Tanh");
            relu |= node.opType().equals("Relu") && node.name().contains(intermediate);
        }
        if (erf) {
            return "gelu";
        }
        if (tanh) {
            return "gelu_new";
        }
        if (relu) {
            return "relu";
        }
        throw new ModelLoadException(source + ": could not identify the feed-forward activation:"
                + " the graph has no Erf, Tanh or Relu node");
    }
}
