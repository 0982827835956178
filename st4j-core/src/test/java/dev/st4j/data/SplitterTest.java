package dev.st4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SplitterTest {

    /** Builds records: label name to row count, groups of {@code groupSize} consecutive rows. */
    private static List<Record> records(Map<String, Integer> counts, int groupSize) {
        List<Record> records = new ArrayList<>();
        long row = 1;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            for (int i = 0; i < entry.getValue(); i++, row++) {
                String group = groupSize > 0 ? entry.getKey() + "-" + (i / groupSize) : null;
                records.add(
                        new Record(
                                row,
                                "r" + row,
                                "t",
                                entry.getKey(),
                                new double[0],
                                new String[0],
                                group));
            }
        }
        return records;
    }

    private static long testCount(List<Record> records, Set<String> testIds, String label) {
        return records.stream()
                .filter(r -> r.label().equals(label) && testIds.contains(r.id()))
                .count();
    }

    @ParameterizedTest(name = "{0} rows -> {1} test")
    @CsvSource({"0,0", "1,0", "2,0", "3,1", "4,1", "5,1", "7,1", "8,2", "10,2", "13,3", "1404,281"})
    void quotaRoundsAndKeepsATrainingRow(int rows, int expected) {
        assertEquals(expected, Splitter.testQuota(rows, 0.2));
    }

    @Test
    void quotaNeverTakesTheLastTrainingRow() {
        assertEquals(1, Splitter.testQuota(2, 0.9));
        assertEquals(9, Splitter.testQuota(10, 0.99));
    }

    @Test
    void splitMeetsQuotaPerLabel() {
        List<Record> records = records(Map.of("A", 50, "B", 13, "C", 1, "D", 2), 0);
        Splitter.Result result = Splitter.split(records, 0.2, 42);
        assertEquals(10, testCount(records, result.testIds(), "A"));
        assertEquals(3, testCount(records, result.testIds(), "B"));
        assertEquals(0, testCount(records, result.testIds(), "C"));
        assertEquals(List.of("C"), result.singleRowLabels());
        assertEquals(List.of("D"), result.labelsWithoutTestRows());
    }

    @Test
    void splitIsSeeded() {
        List<Record> records = records(Map.of("A", 100, "B", 40), 0);
        assertEquals(
                Splitter.split(records, 0.2, 42).testIds(),
                Splitter.split(records, 0.2, 42).testIds());
        assertNotEquals(
                Splitter.split(records, 0.2, 42).testIds(),
                Splitter.split(records, 0.2, 7).testIds());
    }

    @Test
    void groupSplitKeepsGroupsTogether() {
        List<Record> records = records(Map.of("A", 300, "B", 90, "C", 6), 3);
        Splitter.Result result = Splitter.splitByGroup(records, 0.2, 42);
        Map<String, Set<Boolean>> sides = new HashMap<>();
        records.forEach(
                r ->
                        sides.computeIfAbsent(r.group(), g -> new HashSet<>())
                                .add(result.testIds().contains(r.id())));
        sides.forEach((group, side) -> assertEquals(1, side.size(), group));
        assertEquals(60, testCount(records, result.testIds(), "A"));
        assertEquals(18, testCount(records, result.testIds(), "B"));
        assertEquals(0, testCount(records, result.testIds(), "C"));
        assertEquals(List.of("C"), result.labelsWithoutTestRows());
        assertEquals(132, result.groups());
        assertEquals(26, result.testGroups());
    }

    @Test
    void groupSplitTreatsMissingGroupAsSingleton() {
        List<Record> records = records(Map.of("A", 10), 0);
        Splitter.Result result = Splitter.splitByGroup(records, 0.2, 1);
        assertEquals(2, result.testIds().size());
        assertEquals(10, result.groups());
    }

    @Test
    void sampleIsStratifiedAndExact() {
        List<Record> records = records(Map.of("A", 700, "B", 250, "C", 49, "D", 1), 0);
        List<Record> sample = Splitter.sample(records, 100, 42);
        assertEquals(100, sample.size());
        Map<String, Integer> counts = new HashMap<>();
        sample.forEach(r -> counts.merge(r.label(), 1, Integer::sum));
        assertEquals(Map.of("A", 70, "B", 25, "C", 5), counts);
        assertEquals(sample, Splitter.sample(records, 100, 42));
        assertNotEquals(sample, Splitter.sample(records, 100, 43));
        for (int i = 1; i < sample.size(); i++) {
            assertTrue(sample.get(i - 1).row() < sample.get(i).row());
        }
    }

    @Test
    void sampleLargerThanDataKeepsAll() {
        List<Record> records = records(Map.of("A", 5), 0);
        assertEquals(records, Splitter.sample(records, 10, 42));
    }
}
