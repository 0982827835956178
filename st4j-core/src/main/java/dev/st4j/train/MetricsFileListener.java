package dev.st4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code metrics.jsonl}: one JSON object per line, flushed as it is written. Lines of type
 * {@code train} carry {@code step, epoch, loss, lr, grad_norm, samples_per_second} (averages over
 * the steps since the previous line); lines of type {@code epoch} carry the epoch's mean training
 * loss and, with a validation split, {@code val_loss, val_accuracy, val_macro_f1}.
 *
 * <p>When a run resumes, lines written after the checkpoint's step (by the interrupted epoch) are
 * dropped, so the file reads like that of an uninterrupted run.
 */
public final class MetricsFileListener implements TrainingListener, AutoCloseable {

    public static final String FILE_NAME = "metrics.jsonl";

    // A compact mapper: the project's shared one indents, which would break one-object-per-line.
    private static final ObjectMapper LINE_MAPPER = new ObjectMapper();

    private final Path file;
    private BufferedWriter writer;

    public MetricsFileListener(Path file) {
        this.file = file;
    }

    @Override
    public void onTrainStart(TrainingPlan plan) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (plan.completedSteps() > 0 && Files.exists(file)) {
                keepLinesUpTo(plan.completedSteps());
            }
            writer =
                    Files.newBufferedWriter(
                            file,
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to open " + file, e);
        }
    }

    private void keepLinesUpTo(int step) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = LINE_MAPPER.readTree(line);
            if (node.path("step").asInt(Integer.MAX_VALUE) <= step) {
                kept.add(line);
            }
        }
        Files.write(file, kept, StandardCharsets.UTF_8);
    }

    @Override
    public void onLog(LogMetrics log) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "train");
        line.put("step", log.step());
        line.put("epoch", log.epoch());
        line.put("loss", log.loss());
        line.put("lr", log.learningRate());
        line.put("grad_norm", log.gradNorm());
        line.put("samples_per_second", log.samplesPerSecond());
        write(line);
    }

    @Override
    public void onEpochEnd(EpochMetrics epoch) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "epoch");
        line.put("step", epoch.step());
        line.put("epoch", epoch.epoch());
        line.put("train_loss", epoch.trainLoss());
        if (!Double.isNaN(epoch.validationMacroF1())) {
            line.put("val_loss", epoch.validationLoss());
            line.put("val_accuracy", epoch.validationAccuracy());
            line.put("val_macro_f1", epoch.validationMacroF1());
            line.put("best", epoch.best());
        }
        line.put("seconds", epoch.seconds());
        write(line);
    }

    @Override
    public void onTrainEnd(FineTuneResult result) {
        close();
    }

    @Override
    public void onTrainFailed(Exception error) {
        close();
    }

    private void write(Map<String, Object> line) {
        if (writer == null) {
            throw new IllegalStateException(
                    "metrics file " + file + " is not open; onTrainStart was not called");
        }
        try {
            writer.write(LINE_MAPPER.writeValueAsString(line));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to close " + file, e);
            } finally {
                writer = null;
            }
        }
    }
}
