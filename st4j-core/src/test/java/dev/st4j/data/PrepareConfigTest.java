package dev.st4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareConfigTest {

    @TempDir Path dir;

    @Test
    void defaultsFitTheAmazonExport() {
        PrepareConfig config = PrepareConfig.builder().input(Path.of("x.csv")).build();
        assertEquals(
                List.of(
                        "product_name",
                        "about_product",
                        "product_specification",
                        "technical_details"),
                config.textColumns());
        assertEquals("category", config.labelColumn());
        assertEquals(1, config.labelLevel());
        assertEquals(List.of("selling_price"), config.numericColumns());
        assertEquals(List.of("model_number", "is_amazon_seller"), config.categoricalColumns());
        assertEquals(0.2, config.testSize());
        assertEquals(42, config.seed());
        assertEquals(0, config.sample());
        assertTrue(config.header());
        assertNull(config.groupColumn());
    }

    @Test
    void columnNamesAreNormalised() {
        PrepareConfig config =
                PrepareConfig.builder()
                        .input(Path.of("x.csv"))
                        .textColumns(List.of("Product Name", " About  Product "))
                        .labelColumn("Category")
                        .numericColumns(List.of(""))
                        .groupColumn(" ")
                        .build();
        assertEquals(List.of("product_name", "about_product"), config.textColumns());
        assertEquals("category", config.labelColumn());
        assertEquals(List.of(), config.numericColumns());
        assertNull(config.groupColumn());
    }

    @Test
    void fromJsonResolvesPathsNextToTheFile() throws IOException {
        Path file =
                TestFiles.write(
                        dir,
                        "prepare.json",
                        """
                        {"input": "data/in.csv.gz", "output": "out", "header": false,
                         "columns": ["a", "b"], "text_columns": ["a"], "label_column": "b",
                         "numeric_columns": [], "categorical_columns": [], "test_size": 0.25,
                         "seed": 7, "sample": 100, "lenient": true, "missing_values": ["NA"]}
                        """);
        PrepareConfig config = PrepareConfig.fromJson(file);
        assertEquals(dir.toAbsolutePath().resolve("data/in.csv.gz"), config.input());
        assertEquals(dir.toAbsolutePath().resolve("out"), config.output());
        assertEquals(List.of("a", "b"), config.columns());
        assertEquals(0.25, config.testSize());
        assertEquals(7, config.seed());
        assertEquals(100, config.sample());
        assertTrue(config.lenient());
        assertEquals(List.of("NA"), config.missingValues());
        assertEquals(
                config,
                PrepareConfig.fromJson(
                        TestFiles.write(
                                dir,
                                "again.json",
                                dev.st4j.io.Json.MAPPER.writeValueAsString(config.toSettings()))));
    }

    @Test
    void fromJsonRejectsUnknownKeys() throws IOException {
        Path file =
                TestFiles.write(
                        dir, "typo.json", "{\"input\": \"a.csv\", \"text_column\": [\"a\"]}");
        IOException error = assertThrows(IOException.class, () -> PrepareConfig.fromJson(file));
        assertTrue(error.getMessage().contains("'text_column'"), error.getMessage());
        assertTrue(error.getMessage().contains("text_columns"), error.getMessage());
    }

    @Test
    void brokenJsonNamesFileAndLine() throws IOException {
        Path file = TestFiles.write(dir, "broken.json", "{\"input\": \"a.csv\",\n");

        IOException error = assertThrows(IOException.class, () -> PrepareConfig.fromJson(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("not valid JSON at line 2"), error.getMessage());
    }

    @Test
    void folderAsInputIsRejected() throws IOException {
        PrepareConfig config = PrepareConfig.builder().input(dir).build();

        IOException error = assertThrows(IOException.class,
                () -> PreparedDataset.prepareInMemory(config));

        assertTrue(error.getMessage().contains("is a folder"), error.getMessage());
    }

    @Test
    void fromJsonRejectsWrongTypes() throws IOException {
        Path file =
                TestFiles.write(
                        dir, "type.json", "{\"input\": \"a.csv\", \"text_columns\": \"a,b\"}");
        IOException error = assertThrows(IOException.class, () -> PrepareConfig.fromJson(file));
        assertTrue(error.getMessage().contains("an array of strings"), error.getMessage());
    }

    @Test
    void invalidSettingsAreRejected() {
        PrepareConfig.Builder base = PrepareConfig.builder().input(Path.of("x.csv"));
        assertThrows(IllegalArgumentException.class, () -> base.testSize(1.0).build());
        assertThrows(
                IllegalArgumentException.class, () -> base.testSize(0.2).labelLevel(0).build());
        assertThrows(
                IllegalArgumentException.class, () -> base.labelLevel(1).header(false).build());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        base.header(true)
                                .numericColumns(List.of("a"))
                                .categoricalColumns(List.of("A"))
                                .build());
        assertThrows(IllegalArgumentException.class, () -> PrepareConfig.builder().build());
    }
}
