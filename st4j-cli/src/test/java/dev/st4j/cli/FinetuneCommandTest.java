package dev.st4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import dev.st4j.data.PreparedDataset;
import dev.st4j.io.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code st4j finetune} on a tiny prepared sample of the real Amazon rows. */
class FinetuneCommandTest {

    private static final String AMAZON =
            "datasets/amazon-2020-first1999/"
                + "marketing_sample_for_amazon_com-ecommerce__20200101_20200131__10k_data.first1999rows.csv.gz";

    private record Run(int exitCode, String out, String err) {}

    private static Run execute(String... args) {
        CommandLine commandLine = St4j.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static Path repoFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("datasets"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "No datasets/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve(relative);
    }

    @Test
    void finetuneWritesRunAndRefusesToOverwrite(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Run prepare =
                execute(
                        "prepare",
                        "--input",
                        repoFile(AMAZON).toString(),
                        "--output",
                        data.toString(),
                        "--sample",
                        "30");
        assertEquals(0, prepare.exitCode(), prepare.err());
        Path output = dir.resolve("run");
        List<String> args =
                List.of(
                        "finetune",
                        "--data",
                        data.toString(),
                        "--output",
                        output.toString(),
                        "--epochs",
                        "1",
                        "--batch-size",
                        "8",
                        "--max-seq-length",
                        "16",
                        "--log-every",
                        "2",
                        "--no-progress");
        Run finetune = execute(args.toArray(String[]::new));
        assertEquals(0, finetune.exitCode(), finetune.err());
        assertTrue(finetune.out().contains("Model: " + output.resolve("model")), finetune.out());

        assertTrue(Files.exists(output.resolve("model/model.safetensors")));
        assertTrue(Files.exists(output.resolve("head/labels.json")));
        assertTrue(Files.exists(output.resolve("checkpoints/epoch-1/trainer_state.json")));
        List<String> metrics = Files.readAllLines(output.resolve("metrics.jsonl"));
        assertTrue(metrics.size() >= 2, String.join("\n", metrics));
        JsonNode manifest = Json.MAPPER.readTree(output.resolve("st4j-manifest.json").toFile());
        PreparedDataset dataset = PreparedDataset.load(data);
        assertEquals(
                dataset.train().size(),
                manifest.at("/settings/trainRecords").asInt(),
                "only the training split is trained on");
        assertEquals(false, manifest.at("/settings/leaky").asBoolean());
        assertEquals(1, manifest.at("/settings/epochs").asInt());

        Run again = execute(args.toArray(String[]::new));
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("--overwrite"), again.err());

        // A finished run resumes to its end at once: the saved settings fill the omitted flags.
        Run resumed =
                execute(
                        "finetune",
                        "--data",
                        data.toString(),
                        "--output",
                        output.toString(),
                        "--resume",
                        "--no-progress");
        assertEquals(0, resumed.exitCode(), resumed.err());
    }
}
