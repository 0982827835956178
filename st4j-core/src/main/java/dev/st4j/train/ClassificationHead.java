package dev.st4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;

import dev.st4j.data.LabelMap;
import dev.st4j.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Linear classification head over sentence embeddings: dropout, then {@code logits = x W^T + b}
 * with {@code W} of shape {@code [classes, dimension]} and {@code b} of shape {@code [classes]}.
 *
 * <p>Saved as a folder: {@code head.safetensors} (tensors {@code weight} and {@code bias}), {@code
 * head_config.json} ({@link Config}) and {@code labels.json} (class names in id order).
 */
public final class ClassificationHead implements AutoCloseable {

    public static final String WEIGHTS_FILE = "head.safetensors";
    public static final String CONFIG_FILE = "head_config.json";

    /** Prefix of the head's parameter names among the encoder's, for the optimiser. */
    public static final String PARAMETER_PREFIX = "classifier.";

    /**
     * Shape and regularisation of a head.
     *
     * @param dimension the sentence-embedding size it reads
     * @param classes the number of classes it scores
     * @param dropout dropout probability applied to the embedding during training
     * @param maxSeqLength tokens per text the head was trained with; prediction truncates alike
     */
    public record Config(int dimension, int classes, double dropout, int maxSeqLength) {}

    private final Config config;
    private final NDManager manager;
    private final NDArray weight;
    private final NDArray bias;

    private ClassificationHead(Config config, NDManager manager, NDArray weight, NDArray bias) {
        this.config = config;
        this.manager = manager;
        this.weight = weight;
        this.bias = bias;
        weight.setRequiresGradient(true);
        bias.setRequiresGradient(true);
    }

    /**
     * Creates a head with weights drawn from N(0, 0.02^2) by a {@link Random} seeded with {@code
     * seed} and zero biases (the initialisation BERT uses for its classifier). Drawing in Java
     * keeps the weights identical on every device.
     */
    public static ClassificationHead initialise(NDManager parent, Config config, long seed) {
        Random random = new Random(seed);
        float[] values = new float[config.classes() * config.dimension()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.02);
        }
        NDManager manager = parent.newSubManager();
        NDArray weight = manager.create(values, new Shape(config.classes(), config.dimension()));
        NDArray bias = manager.zeros(new Shape(config.classes()));
        return new ClassificationHead(config, manager, weight, bias);
    }

    /** Loads a head saved by {@link #save} into a new sub-manager of {@code parent}. */
    public static ClassificationHead load(NDManager parent, Path folder) throws IOException {
        Config config = Json.read(folder.resolve(CONFIG_FILE), Config.class);
        NDManager manager = parent.newSubManager();
        try {
            Map<String, NDArray> tensors = TensorFiles.read(manager, folder.resolve(WEIGHTS_FILE));
            NDArray weight =
                    require(
                            tensors,
                            "weight",
                            new Shape(config.classes(), config.dimension()),
                            folder);
            NDArray bias = require(tensors, "bias", new Shape(config.classes()), folder);
            return new ClassificationHead(config, manager, weight, bias);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static NDArray require(
            Map<String, NDArray> tensors, String name, Shape expected, Path folder)
            throws IOException {
        NDArray array = tensors.get(name);
        if (array == null) {
            throw new IOException(
                    "Head "
                            + folder.resolve(WEIGHTS_FILE)
                            + " has no tensor '"
                            + name
                            + "' (found "
                            + tensors.keySet()
                            + "); save the head again");
        }
        if (!array.getShape().equals(expected)) {
            throw new IOException(
                    "Head tensor '"
                            + name
                            + "' in "
                            + folder.resolve(WEIGHTS_FILE)
                            + " has shape "
                            + array.getShape()
                            + " but "
                            + CONFIG_FILE
                            + " implies "
                            + expected);
        }
        return array;
    }

    public Config config() {
        return config;
    }

    /**
     * Returns the logits {@code [batch, classes]} of embeddings {@code [batch, dimension]}. Dropout
     * applies only when {@code training} is true; its mask comes from the engine's random
     * generator, so seeding the engine makes it repeatable.
     */
    public NDArray forward(NDArray embeddings, boolean training) {
        NDArray input = embeddings;
        if (training && config.dropout() > 0) {
            input = Dropout.dropout(embeddings, (float) config.dropout(), true).singletonOrThrow();
        }
        return Linear.linear(input, weight, bias).singletonOrThrow();
    }

    /**
     * Returns the trainable arrays by name ({@code classifier.weight}, {@code classifier.bias}).
     */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        parameters.put(PARAMETER_PREFIX + "weight", weight);
        parameters.put(PARAMETER_PREFIX + "bias", bias);
        return parameters;
    }

    /** Copies the values of {@code other} (same config) into this head's arrays. */
    public void copyFrom(ClassificationHead other) {
        if (!config.equals(other.config)) {
            throw new IllegalArgumentException(
                    "Head config " + other.config + " differs from " + config);
        }
        try (NoGrad ignored = NoGrad.enter()) {
            other.weight.copyTo(weight);
            other.bias.copyTo(bias);
        }
    }

    /** Writes the head, its config and {@code labels} into an existing empty {@code folder}. */
    public void save(Path folder, LabelMap labels) throws IOException {
        if (labels.size() != config.classes()) {
            throw new IllegalArgumentException(
                    "Label map has "
                            + labels.size()
                            + " labels but the head scores "
                            + config.classes()
                            + " classes");
        }
        Files.createDirectories(folder);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("weight", weight);
        tensors.put("bias", bias);
        TensorFiles.write(folder.resolve(WEIGHTS_FILE), tensors);
        Json.write(folder.resolve(CONFIG_FILE), config, true);
        labels.save(folder.resolve(LabelMap.FILE_NAME), true);
    }

    @Override
    public void close() {
        manager.close();
    }
}
