package dev.st4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.st4j.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingFilesTest {

    private static final float[][] EMBEDDINGS = {{0.5f, -1.25f, 3f}, {0f, 1e-5f, -0f}};

    @TempDir Path dir;

    @Test
    void tsvHasOneRowPerText() throws IOException {
        Path file = dir.resolve("out.tsv");
        EmbeddingFiles.write(file, EMBEDDINGS, false);
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of("0.5\t-1.25\t3.0", "0.0\t1.0E-5\t-0.0"), lines);
    }

    @Test
    void npyHasNumpyHeaderAndLittleEndianFloats() throws IOException {
        Path file = dir.resolve("out.npy");
        EmbeddingFiles.write(file, EMBEDDINGS, false);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals((byte) 0x93, bytes.get(0));
        assertEquals("NUMPY", new String(bytes.array(), 1, 5, StandardCharsets.US_ASCII));
        int headerLength = bytes.getShort(8);
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(bytes.array(), 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"),
                header);
        assertTrue(header.endsWith("\n"));
        assertEquals(-1.25f, bytes.getFloat(10 + headerLength + 4));
        assertEquals(10 + headerLength + 6 * 4, bytes.capacity());
    }

    @Test
    void jsonlNumbersLinesFromOne() throws IOException {
        Path file = dir.resolve("out.jsonl");
        EmbeddingFiles.write(file, EMBEDDINGS, false);
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertEquals(2, Json.MAPPER.readTree(lines.get(1)).path("line").asInt());
        assertEquals(3, Json.MAPPER.readTree(lines.get(0)).path("embedding").size());
    }

    @Test
    void existingOutputNeedsOverwrite() throws IOException {
        Path file = dir.resolve("out.tsv");
        EmbeddingFiles.write(file, EMBEDDINGS, false);
        assertThrows(FileAlreadyExistsException.class, () -> EmbeddingFiles.write(file, EMBEDDINGS, false));
        EmbeddingFiles.write(file, EMBEDDINGS, true);
    }

    @Test
    void unknownExtensionListsSupportedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingFiles.Format.of(Path.of("out.csv")));
        assertTrue(e.getMessage().contains(".tsv, .npy, .jsonl"), e.getMessage());
    }
}
