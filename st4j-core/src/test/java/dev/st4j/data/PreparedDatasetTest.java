package dev.st4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.st4j.io.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a prepared folder, loading it back and rejecting damaged folders. */
class PreparedDatasetTest {

    private static final String CSV =
            """
            Uniq Id,Product Name,Category,Selling Price,Model Number,Is Amazon Seller
            a1,Red ball,Toys & Games | Balls,$4.99,01-0121,Y
            a2,Blue ball,Toys & Games | Balls,$0.00,,N
            a3,Tent,Sports & Outdoors | Camping,"$1,299.00",T-1,Y
            a4,Stove,Sports & Outdoors | Camping,Total price:,S-2,Y
            a5,Kite,Toys & Games,12.99 - 15.99,K,Y
            a6,Lamp,,$3.00,L,Y
            """;

    @TempDir Path dir;

    private PrepareConfig config(Path output) throws IOException {
        return PrepareConfig.builder()
                .input(TestFiles.write(dir, "products.csv", CSV))
                .output(output)
                .textColumns(List.of("product_name"))
                .testSize(0.5)
                .build();
    }

    @Test
    void loadReturnsWhatPrepareWrote() throws IOException {
        Path out = dir.resolve("prepared");
        PrepareReport report = new DatasetPreparer().prepare(config(out));
        PreparedDataset loaded = PreparedDataset.load(out);
        PreparedDataset inMemory = PreparedDataset.prepareInMemory(config(null));

        assertEquals(out, loaded.directory());
        assertNull(inMemory.directory());
        assertEquals(inMemory.all(), loaded.all());
        assertEquals(inMemory.train(), loaded.train());
        assertEquals(inMemory.test(), loaded.test());
        assertEquals(inMemory.sha256(), loaded.sha256());
        assertEquals(report, loaded.report());
        assertEquals(List.of("Sports & Outdoors", "Toys & Games"), loaded.labels().names());
        assertEquals(config(null).schema(), loaded.schema());
        assertEquals(5, loaded.all().size());
        assertEquals("prepared-dataset", Manifest.readFrom(out).kind());
        assertEquals(report.inputSha256(), Manifest.readFrom(out).inputs().get("input"));
    }

    @Test
    void recordsKeepTabularValues() throws IOException {
        Path out = dir.resolve("prepared");
        new DatasetPreparer().prepare(config(out));
        List<Record> records = PreparedDataset.load(out).all();

        assertArrayEquals(new double[] {4.99}, records.get(0).numeric());
        assertArrayEquals(new String[] {"01-0121", "Y"}, records.get(0).categorical());
        assertArrayEquals(new double[] {0.0}, records.get(1).numeric());
        assertArrayEquals(new String[] {null, "N"}, records.get(1).categorical());
        assertArrayEquals(new double[] {1299.0}, records.get(2).numeric());
        assertTrue(Double.isNaN(records.get(3).numeric()[0]));
        assertArrayEquals(new double[] {12.99}, records.get(4).numeric());
    }

    @Test
    void existingOutputNeedsOverwrite() throws IOException {
        Path out = dir.resolve("prepared");
        new DatasetPreparer().prepare(config(out));
        assertThrows(
                FileAlreadyExistsException.class, () -> new DatasetPreparer().prepare(config(out)));
        new DatasetPreparer().prepare(config(out).toBuilder().overwrite(true).build());
        assertEquals(5, PreparedDataset.load(out).all().size());
    }

    @Test
    void loadRejectsEditedRecords() throws IOException {
        Path out = dir.resolve("prepared");
        new DatasetPreparer().prepare(config(out));
        Path records = out.resolve("records.jsonl");
        Files.writeString(records, Files.readString(records).replace("Red ball", "Red bell"));
        IOException error = assertThrows(IOException.class, () -> PreparedDataset.load(out));
        assertTrue(error.getMessage().contains("changed after preparation"), error.getMessage());
    }

    @Test
    void loadRejectsMissingFile() throws IOException {
        Path out = dir.resolve("prepared");
        new DatasetPreparer().prepare(config(out));
        Files.delete(out.resolve("split.json"));
        NoSuchFileException error =
                assertThrows(NoSuchFileException.class, () -> PreparedDataset.load(out));
        assertTrue(error.getMessage().contains("split.json"), error.getMessage());
    }

    @Test
    void loadRejectsUnknownSplitId() throws IOException {
        Path out = dir.resolve("prepared");
        new DatasetPreparer().prepare(config(out));
        Files.writeString(
                out.resolve("split.json"),
                "{\"train\":[\"a1\",\"a2\",\"a3\",\"zz\"]," + "\"test\":[\"a4\",\"a5\"]}\n",
                StandardCharsets.UTF_8);
        IOException error = assertThrows(IOException.class, () -> PreparedDataset.load(out));
        assertTrue(error.getMessage().contains("\"zz\""), error.getMessage());
    }

    @Test
    void loadRejectsMissingFolder() {
        NoSuchFileException error =
                assertThrows(
                        NoSuchFileException.class,
                        () -> PreparedDataset.load(dir.resolve("absent")));
        assertTrue(error.getMessage().contains("st4j prepare"), error.getMessage());
    }
}
