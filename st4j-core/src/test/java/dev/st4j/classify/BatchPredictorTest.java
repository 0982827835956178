package dev.st4j.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.st4j.data.DataFileException;
import dev.st4j.data.LabelMap;
import dev.st4j.data.PreparedSchema;
import dev.st4j.data.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPredictorTest {

    private static final PreparedSchema SCHEMA = new PreparedSchema(
            List.of("product_name", "about_product"), "category", 1, List.of("selling_price"),
            List.of("is_amazon_seller"), null);
    private static final LabelMap LABELS = LabelMap.fromLabels(List.of("Games", "Toys"));

    /** Embeds a text as [1, 0] when it mentions a puzzle, else [0, 1]: a stand-in encoder. */
    private static final BatchPredictor.Embedder KEYWORD = texts -> texts.stream()
            .map(text -> text.contains("puzzle") ? new float[] {1, 0} : new float[] {0, 1})
            .toArray(float[][]::new);

    private static final String CSV = """
            Uniq Id,Product Name,About Product,Selling Price,Is Amazon Seller,Extra
            p1,Jigsaw puzzle, 1000 pieces ,$12.99,Y,x
            p2,Board game,,NA,N,x
            p3,"Another puzzle, wooden",,"12.99 - 15.99",Z,x
            p4,  ,,0,,x
            """;

    @Test
    void readBuildsRecordsAsPrepared(@TempDir Path dir) throws IOException {
        Path csv = write(dir, CSV);
        FeatureSchema schema = FeatureSchema.fit(SCHEMA, List.of(), 2);

        PredictionInput input = PredictionInput.read(csv, schema, "Uniq Id", List.of("NA"));

        List<Record> records = input.records();
        assertEquals(4, records.size());
        assertEquals("uniq_id", input.idHeader());
        assertEquals("p1", records.get(0).id());
        assertEquals("Jigsaw puzzle 1000 pieces", records.get(0).text());
        assertArrayEquals(new double[] {12.99}, records.get(0).numeric());
        assertArrayEquals(new String[] {"Y"}, records.get(0).categorical());
        assertTrue(Double.isNaN(records.get(1).numeric()[0]), "NA is a missing value");
        assertEquals(12.99, records.get(2).numeric()[0]);
        assertEquals("", records.get(3).text());
        assertEquals(0.0, records.get(3).numeric()[0]);
        assertNull(records.get(3).categorical()[0]);
    }

    @Test
    void readUsesRowNumbersWithoutIdColumn(@TempDir Path dir) throws IOException {
        Path csv = write(dir, "product_name,about_product,selling_price,is_amazon_seller\na,b,1,Y\n");
        FeatureSchema schema = FeatureSchema.fit(SCHEMA, List.of(), 2);

        PredictionInput input = PredictionInput.read(csv, schema, "uniq_id", List.of());

        assertEquals("row", input.idHeader());
        assertEquals("1", input.records().get(0).id());
    }

    @Test
    void readRejectsFileWithoutNeededColumn(@TempDir Path dir) throws IOException {
        Path csv = write(dir, "uniq_id,product_name\np1,a\n");
        FeatureSchema schema = FeatureSchema.fit(SCHEMA, List.of(), 2);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PredictionInput.read(csv, schema, "uniq_id", List.of()));

        assertTrue(error.getMessage().contains(
                "lacks the columns [about_product, selling_price, is_amazon_seller]"), error.getMessage());
    }

    @Test
    void readStopsAtMalformedRow(@TempDir Path dir) throws IOException {
        Path csv = write(dir, "uniq_id,product_name,about_product,selling_price,is_amazon_seller\n"
                + "p1,a,b,1,Y\np2,a,b\n");
        FeatureSchema schema = FeatureSchema.fit(SCHEMA, List.of(), 2);

        DataFileException error = assertThrows(DataFileException.class,
                () -> PredictionInput.read(csv, schema, "uniq_id", List.of()));

        assertTrue(error.getMessage().contains("line 3"), error.getMessage());
    }

    @Test
    void everyInputRowGetsOnePredictionLine(@TempDir Path dir) throws IOException {
        List<Record> train = List.of(
                Fixtures.record(1, "Games", 1, "Y"), Fixtures.record(2, "Toys", 1, "N"));
        FeatureSchema schema = FeatureSchema.fit(SCHEMA, train, 2, 1);
        float[][] features = new float[40][];
        int[] labels = new int[40];
        for (int r = 0; r < 40; r++) {
            labels[r] = r % 2;
            features[r] = new float[] {r, r % 3 == 0 ? Float.NaN : 0, 1 - labels[r], labels[r]};
        }
        PredictionInput input = PredictionInput.read(write(dir, CSV), schema, "uniq_id", List.of("NA"));
        Path output = dir.resolve("out/predictions.csv");

        try (XgbClassifier classifier = XgbClassifier.train(
                Fixtures.FAST, schema, features, labels, LABELS)) {
            BatchPredictor.Result result = BatchPredictor.predict(classifier, input.records(), KEYWORD);
            BatchPredictor.writeCsv(output, input.idHeader(), result.predictions(), false);

            assertEquals(List.of("Games", "Toys", "Games", "Toys"),
                    result.predictions().stream().map(BatchPredictor.Prediction::label).toList());
            assertEquals(java.util.Map.of("is_amazon_seller", 1), result.unseenLevels());
        }

        List<String> lines = Files.readAllLines(output);
        assertEquals(5, lines.size());
        assertEquals("uniq_id,predicted_label,probability", lines.get(0));
        assertTrue(lines.get(1).startsWith("p1,Games,0."), lines.get(1));
        assertTrue(lines.get(4).startsWith("p4,Toys,0."), lines.get(4));
    }

    private static Path write(Path dir, String text) throws IOException {
        Path file = dir.resolve("products.csv");
        Files.writeString(file, text);
        return file;
    }
}
