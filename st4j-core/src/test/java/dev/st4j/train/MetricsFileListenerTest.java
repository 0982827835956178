package dev.st4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class MetricsFileListenerTest {

    private static TrainingPlan plan(Path dir, int completedSteps) {
        return new TrainingPlan(
                FineTuneConfig.defaults(), 10, 0, 5, 25, 0, 1, completedSteps, 16, 0, dir);
    }

    @Test
    void writesOneJsonObjectPerLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(MetricsFileListener.FILE_NAME);
        try (MetricsFileListener listener = new MetricsFileListener(file)) {
            listener.onTrainStart(plan(dir, 0));
            listener.onLog(new LogMetrics(10, 1, 0.5, 2e-5, 1.25, 12.5));
            listener.onEpochEnd(
                    new EpochMetrics(1, 10, 0.6, Double.NaN, Double.NaN, Double.NaN, false, 3.0));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        JsonNode train = new ObjectMapper().readTree(lines.get(0));
        assertEquals("train", train.get("type").asText());
        assertEquals(10, train.get("step").asInt());
        assertEquals(0.5, train.get("loss").asDouble());
        assertEquals(2e-5, train.get("lr").asDouble());
        assertEquals(1.25, train.get("grad_norm").asDouble());
        assertEquals(12.5, train.get("samples_per_second").asDouble());
        JsonNode epoch = new ObjectMapper().readTree(lines.get(1));
        assertEquals("epoch", epoch.get("type").asText());
        assertEquals(false, epoch.has("val_macro_f1"));
    }

    @Test
    void resumeDropsLinesAfterCheckpoint(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(MetricsFileListener.FILE_NAME);
        try (MetricsFileListener listener = new MetricsFileListener(file)) {
            listener.onTrainStart(plan(dir, 0));
            listener.onLog(new LogMetrics(5, 1, 0.5, 2e-5, 1, 1));
            listener.onLog(new LogMetrics(7, 2, 0.4, 2e-5, 1, 1));
        }
        try (MetricsFileListener listener = new MetricsFileListener(file)) {
            listener.onTrainStart(plan(dir, 5));
            listener.onLog(new LogMetrics(10, 2, 0.3, 2e-5, 1, 1));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertEquals(10, new ObjectMapper().readTree(lines.get(1)).get("step").asInt());
    }
}
