package dev.st4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.st4j.data.PreparedDataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PrepareCommandTest {

    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = St4j.newCommandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private Path writeCsv() throws IOException {
        Path input = dir.resolve("in.csv");
        Files.writeString(
                input,
                """
                id,title,cat,vendor
                1,red ball,Toys,v1
                2,blue ball,Toys,v2
                3,tent,Outdoor,v1
                4,stove,Outdoor,v3
                5,doll,,v1
                """);
        return input;
    }

    @Test
    void flagsOverrideConfigFile() throws IOException {
        Path input = writeCsv();
        Path config = dir.resolve("prepare.json");
        Files.writeString(
                config,
                """
                {"input": "in.csv", "text_columns": ["title"], "label_column": "cat",
                 "id_column": "id", "numeric_columns": [], "categorical_columns": ["vendor"],
                 "test_size": 0.9}
                """);
        Path output = dir.resolve("out");
        int exit =
                run(
                        "prepare",
                        "--config",
                        config.toString(),
                        "--output",
                        output.toString(),
                        "--test-size",
                        "0.5",
                        "--seed",
                        "3");

        assertEquals(0, exit, err.toString());
        PreparedDataset dataset = PreparedDataset.load(output);
        assertEquals(4, dataset.all().size());
        assertEquals(2, dataset.test().size());
        assertEquals(List.of("Outdoor", "Toys"), dataset.labels().names());
        assertTrue(out.toString().contains("Skipped (empty_label): 1"), out.toString());
        assertEquals(
                input.toAbsolutePath().normalize(),
                Path.of(dataset.report().input()).toAbsolutePath().normalize());
    }

    @Test
    void headerlessFileNeedsColumns() throws IOException {
        Path input = writeCsv();
        int exit =
                run(
                        "prepare",
                        "--input",
                        input.toString(),
                        "--output",
                        dir.resolve("out").toString(),
                        "--no-header");
        assertEquals(1, exit);
        assertTrue(err.toString().contains("--columns"), err.toString());
    }

    @Test
    void missingColumnIsOneLineError() throws IOException {
        Path input = writeCsv();
        int exit =
                run(
                        "prepare",
                        "--input",
                        input.toString(),
                        "--output",
                        dir.resolve("out").toString());
        assertEquals(1, exit);
        assertTrue(err.toString().startsWith("st4j prepare: error: "), err.toString());
        assertTrue(
                err.toString().contains("column 'product_name': column not found"), err.toString());
        assertTrue(!Files.exists(dir.resolve("out")));
    }
}
