package dev.st4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.st4j.data.LabelMap;
import dev.st4j.io.Json;
import java.awt.image.BufferedImage;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentReportTest {

    private static final LabelMap LABELS = LabelMap.ofOrdered(List.of("Toys & Games", "Home | Kitchen"));

    static ExperimentRun run(boolean fineTuned, boolean leaky, int[] predicted) {
        int[] actual = {0, 0, 0, 1};
        EvaluationResult evaluation = Evaluation.evaluate(actual, predicted, new int[] {0, 1}, LABELS);
        return ExperimentRun.builder("all-minilm-l6-v2", evaluation)
                .fineTuned(fineTuned)
                .leaky(leaky)
                .trainRows(16)
                .truncatedShare(0.75)
                .timing(ExperimentRun.ENCODE, 1.5)
                .timing(ExperimentRun.XGBOOST, 0.2)
                .setting("seed", 42)
                .setting("max_seq_length", 128)
                .build();
    }

    static List<ExperimentRun> runs() {
        return List.of(
                run(false, false, new int[] {0, 0, 0, 0}),
                run(true, false, new int[] {0, 0, 1, 1}),
                run(true, true, new int[] {0, 0, 0, 1}));
    }

    static List<LossCurve> curves() {
        return List.of(new LossCurve("all-minilm-l6-v2 fine-tuned",
                new long[] {10, 20, 30}, new double[] {2.0, 1.2, 0.8}));
    }

    @Test
    void writesAllReportFiles(@TempDir Path dir) throws Exception {
        List<Path> written = ExperimentReport.write(dir, runs(), curves(), false);

        assertEquals(4, written.size());
        for (String name : List.of("metrics.json", "report.md", "accuracy.png", "loss.png")) {
            assertTrue(Files.size(dir.resolve(name)) > 0, name);
        }
        BufferedImage accuracy = ImageIO.read(dir.resolve("accuracy.png").toFile());
        assertNotNull(accuracy, "accuracy.png decodes as an image");
        assertEquals(ReportCharts.WIDTH, accuracy.getWidth());
        assertNotNull(ImageIO.read(dir.resolve("loss.png").toFile()), "loss.png decodes");
    }

    @Test
    void metricsJsonListsRunsWithKeys(@TempDir Path dir) throws Exception {
        ExperimentReport.write(dir, runs(), curves(), false);

        JsonNode metrics = Json.MAPPER.readTree(dir.resolve("metrics.json").toFile());

        assertEquals(3, metrics.size());
        JsonNode first = metrics.get(0);
        for (String key : List.of("model", "fine_tuned", "leaky", "classifier", "accuracy",
                "macro_f1", "weighted_f1", "test_rows", "train_rows", "timings", "truncated_share",
                "settings")) {
            assertTrue(first.has(key), "metrics.json entry lacks " + key + ": " + first);
        }
        assertEquals(0.75, first.get("accuracy").asDouble());
        assertEquals(4, first.get("test_rows").asInt());
        assertEquals(1.5, first.get("timings").get("encode").asDouble());
        assertTrue(metrics.get(2).get("leaky").asBoolean());
    }

    @Test
    void reportMarksLeakyRunsAndBestRun(@TempDir Path dir) throws Exception {
        ExperimentReport.write(dir, runs(), curves(), false);

        String report = Files.readString(dir.resolve("report.md"));

        assertTrue(report.contains("| 3 | all-minilm-l6-v2 | yes, **LEAKY** |"), report);
        assertTrue(report.contains("| 2 | all-minilm-l6-v2 | yes, leak-free |"), report);
        assertTrue(report.contains("## Best run: all-minilm-l6-v2 fine-tuned\n"), report);
        assertTrue(report.contains("| 2 | Home \\| Kitchen | 0.5000 | 1.0000 | 0.6667 | 1 |"), report);
        assertTrue(report.contains("- seed: 42"), report);
        assertTrue(report.contains("### Run 3: all-minilm-l6-v2 fine-tuned (leaky) (**LEAKY**)"), report);
    }

    @Test
    void reportStatesMajorityClassBaseline() {
        String report = ExperimentReport.markdown(runs(), false);

        assertTrue(report.contains("Always predicting the largest test class, Toys & Games"
                + " (3 of 4 test rows), scores accuracy 0.7500"), report);
    }

    @Test
    void bestRunSkipsMoreAccurateLeakyRun() {
        List<ExperimentRun> runs = List.of(
                run(true, true, new int[] {0, 0, 0, 1}),
                run(false, false, new int[] {0, 0, 0, 0}));

        ExperimentRun best = ExperimentReport.bestRun(runs);

        assertFalse(best.leaky());
    }

    @Test
    void withoutLossCurvesNoLossChartIsWritten(@TempDir Path dir) throws Exception {
        ExperimentReport.write(dir, runs().subList(0, 1), List.of(), false);

        assertFalse(Files.exists(dir.resolve("loss.png")));
        assertTrue(Files.readString(dir.resolve("report.md")).contains("no loss chart"));
    }

    @Test
    void existingReportIsKeptWithoutOverwrite(@TempDir Path dir) throws Exception {
        ExperimentReport.write(dir, runs(), curves(), false);

        assertThrows(FileAlreadyExistsException.class,
                () -> ExperimentReport.write(dir, runs(), curves(), false));
        assertEquals(4, ExperimentReport.write(dir, runs(), curves(), true).size());
    }
}
