package dev.st4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTableTest {

    @Test
    void tableShowsLabelNamesScoresAndConfusion() {
        ClassificationMetrics metrics = ClassificationMetrics.compute(
                new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 1}, List.of("Toys & Games", "Baby Products"));

        String table = MetricsTable.format(metrics);
        List<String> lines = table.lines().toList();

        assertEquals("accuracy     0.7500  (3 of 4 rows)", lines.get(0));
        assertEquals("macro-F1     0.7333", lines.get(1));
        assertTrue(lines.get(5).contains("Toys & Games"), lines.get(5));
        assertTrue(lines.get(5).contains("1.0000"), lines.get(5));
        assertTrue(lines.get(6).contains("Baby Products"), lines.get(6));
        assertTrue(lines.get(6).contains("0.6667"), lines.get(6));
        assertTrue(lines.get(10).matches("\\s*1\\s+Toys & Games\\s+1\\s+1"), lines.get(10));
        assertTrue(lines.get(11).matches("\\s*2\\s+Baby Products\\s+0\\s+2"), lines.get(11));
    }

    @Test
    void longLabelsAreShortened() {
        String label = "x".repeat(60);

        assertEquals(40, MetricsTable.shorten(label).length());
        assertTrue(MetricsTable.shorten(label).endsWith("..."));
    }
}
