package dev.st4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The encode, models and benchmark commands, run in-process against the real default model. */
class EncodeCommandTest {

    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void useBuildCache() {
        // Converted models go under target/, not the user's home.
        System.setProperty("st4j.cache", Path.of("target/st4j-test-cache").toAbsolutePath().toString());
    }

    private int run(String... args) {
        CommandLine commandLine = St4j.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void encodeWritesOneRowPerInputLine() throws IOException {
        Path input = Files.writeString(dir.resolve("texts.txt"),
                "LEGO Classic bricks\n\nKids water gun 💦\n儿童益智拼图\n");
        Path output = dir.resolve("embeddings.tsv");
        int code = run("encode", "--input", input.toString(), "--output", output.toString(),
                "--batch-size", "2", "--max-seq-length", "5", "--no-progress");
        assertEquals(0, code, err.toString());
        List<String> rows = Files.readAllLines(output);
        assertEquals(4, rows.size());
        for (String row : rows) {
            assertEquals(384, row.split("\t").length);
        }
        assertTrue(out.toString().contains("Encoded 4 texts"), out.toString());
        assertTrue(out.toString().contains("2 of them truncated to 5 tokens"), out.toString());
    }

    @Test
    void encodeRejectsExistingOutputWithOneLine() throws IOException {
        Path input = Files.writeString(dir.resolve("texts.txt"), "a\n");
        Path output = Files.writeString(dir.resolve("embeddings.npy"), "keep me");
        int code = run("encode", "--input", input.toString(), "--output", output.toString());
        assertEquals(1, code);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("--overwrite"), err.toString());
        assertEquals("keep me", Files.readString(output));
    }

    @Test
    void encodeNamesLineOfInvalidUtf8() throws IOException {
        Path input = Files.write(dir.resolve("texts.txt"),
                new byte[] {'o', 'k', '\r', '\n', 'b', 'a', (byte) 0xC3, 'd', '\n'});
        int code = run("encode", "--input", input.toString(), "--output",
                dir.resolve("e.tsv").toString());
        assertEquals(1, code);
        assertTrue(err.toString().contains("line 2 is not valid UTF-8"), err.toString());
    }

    @Test
    void encodeRejectsEmptyInput() throws IOException {
        Path input = Files.writeString(dir.resolve("texts.txt"), "");
        int code = run("encode", "--input", input.toString(), "--output",
                dir.resolve("e.tsv").toString());
        assertEquals(1, code);
        assertTrue(err.toString().contains("is empty"), err.toString());
        assertTrue(Files.notExists(dir.resolve("e.tsv")));
    }

    @Test
    void encodeNamesUnsupportedOutputFormat() throws IOException {
        Path input = Files.writeString(dir.resolve("texts.txt"), "a\n");
        int code = run("encode", "--input", input.toString(), "--output", dir.resolve("x.csv").toString());
        assertEquals(1, code);
        assertTrue(err.toString().contains(".tsv, .npy, .jsonl"), err.toString());
    }

    @Test
    void modelsListsEmbeddedModels() {
        assertEquals(0, run("models"), err.toString());
        for (String name : List.of("all-minilm-l6-v2", "bge-small-en-v1.5", "e5-small-v2")) {
            assertTrue(out.toString().contains(name), out.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"encode", "models", "benchmark"})
    void everyCommandPrintsHelp(String command) {
        assertEquals(0, run(command, "--help"));
        assertTrue(out.toString().contains("Usage: st4j " + command), out.toString());
    }
}
