package dev.st4j.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an ONNX {@code ModelProto} that weight conversion needs: the graph's nodes,
 * initializers, inputs and outputs. Field numbers follow {@code onnx.proto} (ONNX 1.x), read
 * with a small protobuf reader because ONNX Runtime's Java API does not expose the graph.
 */
public final class OnnxGraph {

    /** ONNX TensorProto.DataType values this reader decodes. */
    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;

    /**
     * One tensor: an initializer or a Constant node's value.
     *
     * @param raw little-endian raw_data, or null when the values sit in the typed fields
     */
    public record Tensor(String name, long[] dims, int dataType, ByteBuffer raw,
            float[] floatData, long[] int64Data) {

        public long elementCount() {
            long count = 1;
            for (long dim : dims) {
                count *= dim;
            }
            return count;
        }

        public float[] floats() {
            if (dataType != FLOAT) {
                throw new IllegalStateException("ONNX tensor '" + name + "' has data type "
                        + dataType + ", expected FLOAT (1)");
            }
            if (raw == null) {
                return floatData;
            }
            float[] values = new float[(int) elementCount()];
            raw.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        }

        public long[] longs() {
            if (raw == null) {
                return int64Data;
            }
            ByteBuffer bytes = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            long[] values = new long[(int) elementCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = dataType == INT32 ? bytes.getInt() : bytes.getLong();
            }
            return values;
        }
    }

    /** One attribute; only the fields of its type are set. */
    public record Attribute(String name, float floatValue, long intValue, Tensor tensor, long[] ints) {}

    public record Node(String name, String opType, List<String> inputs, List<String> outputs,
            Map<String, Attribute> attributes) {

        public String input(int index) {
            return index < inputs.size() ? inputs.get(index) : "";
        }
    }

    private final List<Node> nodes;
    private final Map<String, Tensor> initializers;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, Node> producers = new LinkedHashMap<>();

    private OnnxGraph(List<Node> nodes, Map<String, Tensor> initializers, List<String> inputs,
            List<String> outputs) {
        this.nodes = List.copyOf(nodes);
        this.initializers = initializers;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        for (Node node : nodes) {
            for (String output : node.outputs()) {
                producers.put(output, node);
            }
        }
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Initializers by name, in file order. */
    public Map<String, Tensor> initializers() {
        return initializers;
    }

    public List<String> inputs() {
        return inputs;
    }

    public List<String> outputs() {
        return outputs;
    }

    /** The node whose output is {@code value}, if a node makes it. */
    public Optional<Node> producer(String value) {
        return Optional.ofNullable(producers.get(value));
    }

    /** Every node that reads {@code value}. */
    public List<Node> consumers(String value) {
        List<Node> found = new ArrayList<>();
        for (Node node : nodes) {
            if (node.inputs().contains(value)) {
                found.add(node);
            }
        }
        return found;
    }

    /** The constant behind {@code value}: an initializer or a Constant node's tensor. */
    public Optional<Tensor> constant(String value) {
        Tensor initializer = initializers.get(value);
        if (initializer != null) {
            return Optional.of(initializer);
        }
        return producer(value)
                .filter(node -> node.opType().equals("Constant"))
                .map(node -> node.attributes().get("value"))
                .map(Attribute::tensor);
    }

    /**
     * Parses a serialised ModelProto.
     *
     * @throws IllegalArgumentException when the bytes are not an ONNX model with a graph
     */
    public static OnnxGraph parse(ByteBuffer modelBytes) {
        ProtoReader model = new ProtoReader(modelBytes);
        ByteBuffer graph = null;
        while (model.next()) {
            if (model.field() == 7 && model.wireType() == ProtoReader.LENGTH_DELIMITED) {
                graph = model.readBytes();
            } else {
                model.skip();
            }
        }
        if (graph == null) {
            throw new IllegalArgumentException("Not an ONNX model: no graph (ModelProto field 7)");
        }
        return parseGraph(graph);
    }

    private static OnnxGraph parseGraph(ByteBuffer bytes) {
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        ProtoReader graph = new ProtoReader(bytes);
        while (graph.next()) {
            switch (graph.field()) {
                case 1 -> nodes.add(parseNode(graph.readBytes()));
                case 5 -> {
                    Tensor tensor = parseTensor(graph.readBytes());
                    initializers.put(tensor.name(), tensor);
                }
                case 11 -> inputs.add(valueInfoName(graph.readBytes()));
                case 12 -> outputs.add(valueInfoName(graph.readBytes()));
                default -> graph.skip();
            }
        }
        return new OnnxGraph(nodes, initializers, inputs, outputs);
    }

    private static Node parseNode(ByteBuffer bytes) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        String name = "";
        String opType = "";
        ProtoReader node = new ProtoReader(bytes);
        while (node.next()) {
            switch (node.field()) {
                case 1 -> inputs.add(node.readString());
                case 2 -> outputs.add(node.readString());
                case 3 -> name = node.readString();
                case 4 -> opType = node.readString();
                case 5 -> {
                    Attribute attribute = parseAttribute(node.readBytes());
                    attributes.put(attribute.name(), attribute);
                }
                default -> node.skip();
            }
        }
        return new Node(name, opType, inputs, outputs, attributes);
    }

    private static Attribute parseAttribute(ByteBuffer bytes) {
        String name = "";
        float floatValue = 0;
        long intValue = 0;
        Tensor tensor = null;
        List<Long> ints = new ArrayList<>();
        ProtoReader attribute = new ProtoReader(bytes);
        while (attribute.next()) {
            switch (attribute.field()) {
                case 1 -> name = attribute.readString();
                case 2 -> floatValue = attribute.readFixed32Float();
                case 3 -> intValue = attribute.readVarint();
                case 5 -> tensor = parseTensor(attribute.readBytes());
                case 8 -> attribute.readInt64s(ints::add);
                default -> attribute.skip();
            }
        }
        long[] intArray = ints.stream().mapToLong(Long::longValue).toArray();
        return new Attribute(name, floatValue, intValue, tensor, intArray);
    }

    private static Tensor parseTensor(ByteBuffer bytes) {
        List<Long> dims = new ArrayList<>();
        List<Long> int64Data = new ArrayList<>();
        List<Float> floatData = new ArrayList<>();
        String name = "";
        int dataType = 0;
        ByteBuffer raw = null;
        ProtoReader tensor = new ProtoReader(bytes);
        while (tensor.next()) {
            switch (tensor.field()) {
                case 1 -> tensor.readInt64s(dims::add);
                case 2 -> dataType = (int) tensor.readVarint();
                case 4 -> readFloats(tensor, floatData);
                case 7 -> tensor.readInt64s(int64Data::add);
                case 8 -> name = tensor.readString();
                case 9 -> raw = tensor.readBytes();
                case 14 -> {
                    if (tensor.readVarint() == 1) {
                        throw new IllegalArgumentException("ONNX tensor '" + name
                                + "' keeps its data in an external file, which st4j does not read");
                    }
                }
                default -> tensor.skip();
            }
        }
        float[] floats = new float[floatData.size()];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = floatData.get(i);
        }
        return new Tensor(name, dims.stream().mapToLong(Long::longValue).toArray(), dataType, raw,
                floats, int64Data.stream().mapToLong(Long::longValue).toArray());
    }

    private static void readFloats(ProtoReader tensor, List<Float> sink) {
        if (tensor.wireType() == ProtoReader.LENGTH_DELIMITED) {
            ByteBuffer packed = tensor.readBytes();
            while (packed.remaining() >= 4) {
                sink.add(packed.getFloat());
            }
        } else {
            sink.add(tensor.readFixed32Float());
        }
    }

    private static String valueInfoName(ByteBuffer bytes) {
        ProtoReader info = new ProtoReader(bytes);
        while (info.next()) {
            if (info.field() == 1) {
                return info.readString();
            }
            info.skip();
        }
        return "";
    }
}
