package dev.st4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.st4j.data.LabelMap;
import dev.st4j.io.AtomicFiles;
import dev.st4j.io.Json;
import dev.st4j.model.SentenceTransformer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Epoch checkpoints under {@code OUTPUT/checkpoints/epoch-N}: the encoder as a
 * sentence-transformers folder ({@code encoder/}), the head ({@code head/}), the AdamW moments
 * ({@code optimizer.safetensors}) and {@link TrainerState} ({@code trainer_state.json}). Each is
 * written to a temporary sibling and renamed into place, so a crash leaves either the whole
 * checkpoint or none.
 */
final class Checkpoints {

    static final String FOLDER = "checkpoints";
    static final String ENCODER = "encoder";
    static final String HEAD = "head";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final Pattern NAME = Pattern.compile("epoch-(\\d+)");

    private Checkpoints() {}

    static Path folder(Path output, int epoch) {
        return output.resolve(FOLDER).resolve("epoch-" + epoch);
    }

    static void write(
            Path output,
            TrainerState state,
            SentenceTransformer model,
            ClassificationHead head,
            LabelMap labels,
            AdamW optimizer)
            throws IOException {
        AtomicFiles.writeDirectory(
                folder(output, state.epoch()),
                true,
                temporary -> {
                    model.save(temporary.resolve(ENCODER), false);
                    head.save(temporary.resolve(HEAD), labels);
                    TensorFiles.write(temporary.resolve(OPTIMIZER_FILE), optimizer.stateTensors());
                    Json.write(temporary.resolve(TrainerState.FILE_NAME), state, false);
                });
    }

    /** Returns the completed checkpoint of the highest epoch, if any. */
    static Optional<Path> latest(Path output) throws IOException {
        List<Integer> epochs = epochs(output);
        return epochs.isEmpty()
                ? Optional.empty()
                : Optional.of(folder(output, epochs.get(epochs.size() - 1)));
    }

    /** Returns the epochs that have a completed checkpoint, ascending. */
    static List<Integer> epochs(Path output) throws IOException {
        Path root = output.resolve(FOLDER);
        List<Integer> epochs = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return epochs;
        }
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.toList()) {
                Matcher matcher = NAME.matcher(child.getFileName().toString());
                if (matcher.matches() && Files.exists(child.resolve(TrainerState.FILE_NAME))) {
                    epochs.add(Integer.parseInt(matcher.group(1)));
                }
            }
        }
        epochs.sort(null);
        return epochs;
    }

    static TrainerState readState(Path checkpoint) throws IOException {
        return Json.read(checkpoint.resolve(TrainerState.FILE_NAME), TrainerState.class);
    }

    /**
     * Copies a checkpoint's weights and optimiser state into the live model, head and optimiser.
     * The model's parameters keep their identity; only their values change.
     */
    static void restore(
            Path checkpoint,
            TrainerState state,
            SentenceTransformer model,
            ClassificationHead head,
            AdamW optimizer)
            throws IOException {
        try (SentenceTransformer saved = SentenceTransformer.load(checkpoint.resolve(ENCODER))) {
            Map<String, NDArray> target = model.parameters();
            Map<String, NDArray> source = saved.parameters();
            if (!target.keySet().equals(source.keySet())) {
                throw new IOException(
                        "Checkpoint encoder "
                                + checkpoint.resolve(ENCODER)
                                + " has parameters "
                                + source.keySet()
                                + " but the model has "
                                + target.keySet()
                                + "; resume with the run's base model ("
                                + state.trainingSettings().get("baseModel")
                                + ")");
            }
            try (NoGrad ignored = NoGrad.enter()) {
                for (Map.Entry<String, NDArray> entry : target.entrySet()) {
                    NDArray values = source.get(entry.getKey());
                    if (!values.getShape().equals(entry.getValue().getShape())) {
                        throw new IOException(
                                "Checkpoint parameter "
                                        + entry.getKey()
                                        + " has shape "
                                        + values.getShape()
                                        + " but the model's is "
                                        + entry.getValue().getShape());
                    }
                    values.copyTo(entry.getValue());
                }
            }
        }
        try (ClassificationHead saved =
                ClassificationHead.load(model.manager(), checkpoint.resolve(HEAD))) {
            head.copyFrom(saved);
        }
        try (NDManager scratch = model.manager().newSubManager()) {
            optimizer.loadState(
                    TensorFiles.read(scratch, checkpoint.resolve(OPTIMIZER_FILE)),
                    state.optimizerStep());
        }
    }

    /**
     * Deletes the temporary folders of checkpoints whose writing was interrupted (a crash between
     * the start of a write and its rename leaves one behind).
     */
    static void deleteUnfinished(Path output) throws IOException {
        Path root = output.resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(".epoch-") && name.contains(".tmp-")) {
                    LOG.info("Deleting {}, an interrupted checkpoint write", child);
                    AtomicFiles.deleteRecursively(child);
                }
            }
        }
    }

    /**
     * Deletes all but the newest {@code keep} checkpoints, always keeping {@code protectedEpoch}
     * (the best one so far). {@code keep} 0 keeps everything.
     */
    static void prune(Path output, int keep, int protectedEpoch) throws IOException {
        if (keep <= 0) {
            return;
        }
        List<Integer> epochs = epochs(output);
        for (int i = 0; i < epochs.size() - keep; i++) {
            if (epochs.get(i) != protectedEpoch) {
                AtomicFiles.deleteRecursively(folder(output, epochs.get(i)));
            }
        }
    }
}
