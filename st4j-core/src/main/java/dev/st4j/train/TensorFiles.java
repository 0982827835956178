package dev.st4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.st4j.model.Safetensors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float32 arrays to and from a safetensors file (the head, the optimiser state), in the
 * layout Python's {@code safetensors} loads.
 */
final class TensorFiles {

    private TensorFiles() {}

    static void write(Path file, Map<String, NDArray> arrays) throws IOException {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> entry : arrays.entrySet()) {
            NDArray array = entry.getValue();
            if (array.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException(
                        "Array '"
                                + entry.getKey()
                                + "' is "
                                + array.getDataType()
                                + "; only float32 arrays can be saved");
            }
            tensors.put(
                    entry.getKey(),
                    new Safetensors.Tensor(array.getShape().getShape(), array.toByteBuffer()));
        }
        Safetensors.write(file, tensors);
    }

    /** Reads every tensor of {@code file} into {@code manager}, keyed by name. */
    static Map<String, NDArray> read(NDManager manager, Path file) throws IOException {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, Safetensors.Tensor> entry : Safetensors.read(file).entrySet()) {
            Safetensors.Tensor tensor = entry.getValue();
            arrays.put(
                    entry.getKey(),
                    manager.create(tensor.toFloatArray(), new Shape(tensor.shape())));
        }
        return arrays;
    }
}
