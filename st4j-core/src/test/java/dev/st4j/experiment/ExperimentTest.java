package dev.st4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.st4j.classify.XgbConfig;
import dev.st4j.data.PrepareConfig;
import dev.st4j.data.TestFiles;
import dev.st4j.eval.ExperimentRun;
import dev.st4j.io.Json;
import dev.st4j.model.ModelLoadException;
import dev.st4j.train.FineTuneConfig;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole experiment on a tiny stratified sample of the shipped Amazon rows. */
class ExperimentTest {

    private static ExperimentConfig tinyConfig(Path output, boolean leaky) {
        PrepareConfig prepare = PrepareConfig.builder()
                .input(TestFiles.repoFile(TestFiles.AMAZON))
                .sample(60)
                .build();
        FineTuneConfig training = FineTuneConfig.builder()
                .epochs(1)
                .batchSize(8)
                .learningRate(5e-5)
                .build();
        XgbConfig xgboost = XgbConfig.builder().rounds(5).build();
        return new ExperimentConfig(output, prepare, List.of("all-minilm-l6-v2"), true, leaky,
                training, 16, 32, xgboost, false);
    }

    @Test
    void experimentWritesStockFineTunedAndLeakyRuns(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("experiment");

        List<ExperimentRun> runs = Experiment.run(tinyConfig(output, true));

        assertEquals(5, runs.size(), "stock, fine-tuned x2 classifiers, leaky x2 classifiers");
        assertFalse(runs.get(0).fineTuned());
        assertTrue(runs.get(1).fineTuned());
        assertFalse(runs.get(1).leaky());
        assertEquals(ExperimentRun.HEAD, runs.get(2).classifier());
        assertTrue(runs.get(3).leaky());
        for (ExperimentRun run : runs) {
            assertEquals(12, run.testRows(), run.displayName());
            assertTrue(run.accuracy() >= 0, run.displayName());
            assertTrue(run.accuracy() <= 1, run.displayName());
        }
        assertTrue(runs.get(0).truncatedShare() > 0.5, "most product texts exceed 16 tokens");

        JsonNode metrics = Json.MAPPER.readTree(output.resolve("metrics.json").toFile());
        assertEquals(5, metrics.size());
        assertTrue(metrics.get(0).has("macro_f1"));
        assertTrue(metrics.get(0).has("timings"));
        assertTrue(Files.isRegularFile(output.resolve("report.md")));
        assertTrue(Files.isRegularFile(output.resolve("accuracy.png")));
        assertTrue(Files.isRegularFile(output.resolve("loss.png")));
        assertTrue(Files.isDirectory(output.resolve("runs/all-minilm-l6-v2/stock-classifier")));
        assertTrue(Files.isDirectory(output.resolve("runs/all-minilm-l6-v2/finetuned/model")));
        assertTrue(Files.isRegularFile(
                output.resolve("runs/all-minilm-l6-v2/finetuned/metrics.jsonl")));
        JsonNode manifest = Json.MAPPER.readTree(output
                .resolve("runs/all-minilm-l6-v2/finetuned-classifier/st4j-manifest.json").toFile());
        assertEquals("../finetuned/model",
                manifest.path("settings").path("encoder").path("path").asText(),
                "the fine-tuned encoder is found relative to its classifier");
        String report = Files.readString(output.resolve("report.md"));
        assertTrue(report.contains("leaky"), "the leaky run is labelled in the report");
    }

    @Test
    void experimentRejectsNonEmptyOutputWithoutOverwrite(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("experiment");
        Files.createDirectories(output);
        Files.writeString(output.resolve("keep.txt"), "earlier result");

        assertThrows(FileAlreadyExistsException.class,
                () -> Experiment.run(tinyConfig(output, false)));
        assertEquals("earlier result", Files.readString(output.resolve("keep.txt")));
    }

    @Test
    void overwriteKeepsFilesExperimentDidNotWrite(@TempDir Path dir) throws Exception {
        Path output = Files.createDirectories(dir.resolve("experiment"));
        Files.createDirectories(output.resolve("runs"));
        Files.writeString(output.resolve("keep.txt"), "user notes");
        ExperimentConfig base = tinyConfig(output, false);
        ExperimentConfig overwrite = new ExperimentConfig(output, base.prepare(), base.models(),
                true, false, base.training(), 16, 32, base.xgboost(), true);

        FileAlreadyExistsException error = assertThrows(FileAlreadyExistsException.class,
                () -> Experiment.run(overwrite));

        assertTrue(error.getMessage().contains("keep.txt"), error.getMessage());
        assertEquals("user notes", Files.readString(output.resolve("keep.txt")));
        assertTrue(Files.isDirectory(output.resolve("runs")));
    }

    @Test
    void unknownModelFailsBeforePrepare(@TempDir Path dir) {
        Path output = dir.resolve("experiment");
        ExperimentConfig base = tinyConfig(output, false);
        ExperimentConfig config = new ExperimentConfig(output, base.prepare(),
                List.of("all-minilm-l6-v2", dir.resolve("no-such-model").toString()), true, false,
                base.training(), 16, 32, base.xgboost(), false);

        ModelLoadException error = assertThrows(ModelLoadException.class,
                () -> Experiment.run(config));

        assertTrue(error.getMessage().contains("no-such-model"), error.getMessage());
        assertFalse(Files.exists(output.resolve("data")), "nothing is prepared for a bad model");
    }

    @Test
    void emptyTestSplitIsRejected(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("two.csv"), "Uniq Id,Product Name,Category\n"
                + "a,red ball,Toys\nb,blue ball,Toys\n");
        Path output = dir.resolve("experiment");
        ExperimentConfig base = tinyConfig(output, false);
        ExperimentConfig config = new ExperimentConfig(output,
                PrepareConfig.builder().input(csv).textColumns(List.of("product_name"))
                        .numericColumns(List.of()).categoricalColumns(List.of()).build(),
                base.models(), false, false, base.training(), 16, 32, base.xgboost(), false);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Experiment.run(config));

        assertTrue(error.getMessage().contains("no test rows"), error.getMessage());
    }

    @Test
    void folderNameKeepsOnlySafeCharacters() {
        assertEquals("all-minilm-l6-v2", Experiment.folderName("all-minilm-l6-v2"));
        assertEquals("paraphrase-MiniLM-L6-v2",
                Experiment.folderName("sentence-transformers/paraphrase-MiniLM-L6-v2"));
        assertEquals("my_model", Experiment.folderName("/models/my model"));
    }
}
