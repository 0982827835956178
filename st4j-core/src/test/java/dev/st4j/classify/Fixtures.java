package dev.st4j.classify;

import dev.st4j.data.LabelMap;
import dev.st4j.data.PreparedSchema;
import dev.st4j.data.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small seeded datasets for classifier tests: one numeric, one categorical column, 4-d embeddings. */
final class Fixtures {

    static final PreparedSchema SCHEMA = new PreparedSchema(
            List.of("product_name"), "category", 1, List.of("price"), List.of("seller"), null);
    static final int DIM = 4;
    static final XgbConfig FAST = XgbConfig.builder().rounds(20).threads(1).build();

    private Fixtures() {}

    static Record record(int row, String label, double price, String seller) {
        return new Record(row, "id" + row, "text " + row, label, new double[] {price},
                new String[] {seller}, null);
    }

    /** Returns {@code rows} seeded random embeddings of width {@link #DIM} in [-1, 1). */
    static float[][] noise(int rows, long seed) {
        Random random = new Random(seed);
        float[][] embeddings = new float[rows][DIM];
        for (float[] row : embeddings) {
            for (int e = 0; e < DIM; e++) {
                row[e] = random.nextFloat() * 2 - 1;
            }
        }
        return embeddings;
    }

    /**
     * Returns records whose label follows the first embedding value (three bands: a, b, c), with
     * a random price and seller, and their embeddings in {@code embeddingsOut}.
     */
    static List<Record> separable(int rows, long seed, float[][] embeddingsOut) {
        Random random = new Random(seed);
        List<Record> records = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            float[] embedding = embeddingsOut[r];
            for (int e = 0; e < DIM; e++) {
                embedding[e] = random.nextFloat() * 2 - 1;
            }
            String label = "c";
            if (embedding[0] < -0.33f) {
                label = "a";
            } else if (embedding[0] < 0.33f) {
                label = "b";
            }
            double price = random.nextInt(4) == 0 ? Double.NaN : random.nextDouble() * 50;
            String seller = random.nextBoolean() ? "Y" : "N";
            records.add(record(r + 1, label, price, seller));
        }
        return records;
    }

    static int[] labelIds(List<Record> records, LabelMap labels) {
        return records.stream().mapToInt(r -> labels.idOf(r.label())).toArray();
    }
}
