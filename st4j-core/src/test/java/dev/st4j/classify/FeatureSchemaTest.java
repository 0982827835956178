package dev.st4j.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.st4j.data.Record;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureSchemaTest {

    private static final List<Record> TRAIN = List.of(
            Fixtures.record(1, "a", 1.5, "Y"),
            Fixtures.record(2, "b", 0.0, "N"),
            Fixtures.record(3, "a", Double.NaN, null));

    @Test
    void fitLearnsSortedLevelsFromTrainingRows() {
        FeatureSchema schema = FeatureSchema.fit(Fixtures.SCHEMA, TRAIN, 2, 1);

        assertEquals(List.of("N", "Y"), schema.categoricalColumns().get(0).levels());
        assertEquals(List.of("price", "seller", "embedding_0", "embedding_1"), schema.featureNames());
        assertArrayEquals(new String[] {"q", "c", "q", "q"}, schema.featureTypes(true));
        assertArrayEquals(new String[] {"q", "q", "q", "q"}, schema.featureTypes(false));
        assertEquals(4, schema.width());
    }

    @Test
    void defaultFitTreatsSingleRowLevelsAsMissing() {
        List<Record> train = List.of(
                Fixtures.record(1, "a", 1.0, "Y"),
                Fixtures.record(2, "a", 2.0, "Y"),
                Fixtures.record(3, "b", 3.0, "N"));

        FeatureSchema schema = FeatureSchema.fit(Fixtures.SCHEMA, train, 2);
        FeatureMatrix matrix = schema.assemble(train, new float[3][2]);

        assertEquals(List.of("Y"), schema.categoricalColumns().get(0).levels());
        assertEquals(0f, matrix.values()[0][1]);
        assertTrue(Float.isNaN(matrix.values()[2][1]), "level N occurs once, so it is missing");
    }

    @Test
    void assembleKeepsZeroApartFromMissing() {
        FeatureSchema schema = FeatureSchema.fit(Fixtures.SCHEMA, TRAIN, 2, 1);
        float[][] embeddings = {{0.25f, -1f}, {0f, 0f}, {1f, 2f}};

        FeatureMatrix matrix = schema.assemble(TRAIN, embeddings);

        assertArrayEquals(new float[] {1.5f, 1f, 0.25f, -1f}, matrix.values()[0]);
        assertEquals(0.0f, matrix.values()[1][0]);
        assertEquals(0f, matrix.values()[1][1], "level N has code 0, which must stay a value");
        assertTrue(Float.isNaN(matrix.values()[2][0]), "NaN price stays missing");
        assertTrue(Float.isNaN(matrix.values()[2][1]), "null seller becomes missing");
        assertEquals(0, matrix.unseenLevelCount(), "a missing value is not an unseen level");
    }

    @Test
    void assembleCountsLevelsUnseenInTraining() {
        FeatureSchema schema = FeatureSchema.fit(Fixtures.SCHEMA, TRAIN, 2, 1);
        List<Record> test = List.of(Fixtures.record(9, "a", 3, "Z"), Fixtures.record(10, "b", 3, "Y"));

        FeatureMatrix matrix = schema.assemble(test, new float[2][2]);

        assertTrue(Float.isNaN(matrix.values()[0][1]));
        assertEquals(1f, matrix.values()[1][1]);
        assertEquals(Map.of("seller", 1), matrix.unseenLevels());
    }

    @Test
    void assembleRejectsWrongEmbeddingWidth() {
        FeatureSchema schema = FeatureSchema.fit(Fixtures.SCHEMA, TRAIN, 2, 1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> schema.assemble(TRAIN.subList(0, 1), new float[][] {{1f, 2f, 3f}}));

        assertTrue(error.getMessage().contains("row 1 has 3 values"), error.getMessage());
        assertTrue(error.getMessage().contains("expects 2"), error.getMessage());
    }

    @Test
    void assembleRejectsNonFiniteEmbedding() {
        FeatureSchema schema = FeatureSchema.fit(Fixtures.SCHEMA, TRAIN, 2, 1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> schema.assemble(TRAIN.subList(0, 1), new float[][] {{1f, Float.NaN}}));

        assertTrue(error.getMessage().contains("row 1"), error.getMessage());
    }

    @Test
    void missingColumnsAreNamedWithExpectedAndFound() {
        FeatureSchema schema = FeatureSchema.fit(Fixtures.SCHEMA, TRAIN, 2, 1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> schema.checkColumnsPresent(List.of("product_name", "uniq_id"), "new.csv"));

        String message = error.getMessage();
        assertTrue(message.contains("lacks the columns [price, seller]"), message);
        assertTrue(message.contains("Expected all of [product_name, price, seller]"), message);
        assertTrue(message.contains("found [product_name, uniq_id]"), message);
    }

    @Test
    void jsonRoundTripKeepsSchema(@TempDir Path dir) throws Exception {
        FeatureSchema schema = FeatureSchema.fit(Fixtures.SCHEMA, TRAIN, 2, 1);
        Path file = dir.resolve(FeatureSchema.FILE_NAME);

        schema.save(file, false);

        assertEquals(schema, FeatureSchema.load(file));
    }
}
