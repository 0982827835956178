package dev.st4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Seeded, label-stratified sampling and train/test splitting.
 *
 * <p>Quota rule: a label with n rows gets {@code round(n * testSize)} test rows (half rounds up),
 * but at most n - 1, so every label keeps at least one training row. A label with a single row goes
 * to training.
 *
 * <p>With a group column, whole groups move. Each group counts for the label that most of its rows
 * carry, ties going to the smallest label name. Each label's groups are visited in a seeded order,
 * and a group goes to the test side when that brings the label's test rows closer to the quota. A
 * label's last training group never moves, and the other labels of a mixed group are not checked
 * against their quotas, so the split is only approximately stratified there.
 *
 * <p>Labels are visited in sorted order and shuffled with one {@link Random} seeded by the run's
 * seed, so a split depends only on the records, the test size and the seed.
 */
final class Splitter {

    /**
     * A split's test side and what the quota rule could not meet.
     *
     * @param groups number of groups, or 0 without a group column
     * @param testGroups number of groups on the test side
     */
    record Result(
            Set<String> testIds,
            List<String> singleRowLabels,
            List<String> labelsWithoutTestRows,
            int groups,
            int testGroups) {}

    private Splitter() {}

    /** Returns the number of test rows for a label with {@code n} rows. */
    static int testQuota(int n, double testSize) {
        if (n < 2) {
            return 0;
        }
        return (int) Math.min(n - 1, Math.round(n * testSize));
    }

    /**
     * Returns a stratified sample of {@code size} records in file order. Each label's share is
     * apportioned by largest remainder, so the sizes add up to {@code size} exactly and a label
     * whose share rounds to 0 can drop out.
     */
    static List<Record> sample(List<Record> records, int size, long seed) {
        if (size >= records.size()) {
            return records;
        }
        Map<String, List<Record>> byLabel = byLabel(records);
        Map<String, Integer> quota = new HashMap<>();
        List<String> byRemainder = new ArrayList<>(byLabel.keySet());
        int assigned = 0;
        for (Map.Entry<String, List<Record>> entry : byLabel.entrySet()) {
            int count = (int) ((long) entry.getValue().size() * size / records.size());
            quota.put(entry.getKey(), count);
            assigned += count;
        }
        Comparator<String> largestRemainder =
                Comparator.comparingLong(
                        (String label) ->
                                -((long) byLabel.get(label).size() * size % records.size()));
        byRemainder.sort(largestRemainder.thenComparing(Comparator.naturalOrder()));
        for (int i = 0; i < size - assigned; i++) {
            quota.merge(byRemainder.get(i), 1, Integer::sum);
        }
        Random random = new Random(seed);
        List<Record> sampled = new ArrayList<>();
        for (Map.Entry<String, List<Record>> entry : byLabel.entrySet()) {
            List<Record> shuffled = new ArrayList<>(entry.getValue());
            Collections.shuffle(shuffled, random);
            sampled.addAll(shuffled.subList(0, quota.get(entry.getKey())));
        }
        sampled.sort(Comparator.comparingLong(Record::row));
        return sampled;
    }

    /** Splits by label only. */
    static Result split(List<Record> records, double testSize, long seed) {
        Random random = new Random(seed);
        Set<String> testIds = new HashSet<>();
        List<String> singles = new ArrayList<>();
        List<String> withoutTest = new ArrayList<>();
        for (Map.Entry<String, List<Record>> entry : byLabel(records).entrySet()) {
            List<Record> shuffled = new ArrayList<>(entry.getValue());
            Collections.shuffle(shuffled, random);
            int quota = testQuota(shuffled.size(), testSize);
            shuffled.subList(0, quota).forEach(r -> testIds.add(r.id()));
            noteShortfall(entry.getKey(), shuffled.size(), quota, singles, withoutTest);
        }
        return new Result(testIds, singles, withoutTest, 0, 0);
    }

    /** Splits by label, keeping each group's rows on one side; a null group is its own group. */
    static Result splitByGroup(List<Record> records, double testSize, long seed) {
        Map<String, List<Record>> groups = new LinkedHashMap<>();
        for (Record record : records) {
            String key = record.group() == null ? "\u0000id:" + record.id() : "g:" + record.group();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
        }
        Map<String, List<List<Record>>> groupsByMajority = new TreeMap<>();
        for (List<Record> group : groups.values()) {
            groupsByMajority
                    .computeIfAbsent(majorityLabel(group), k -> new ArrayList<>())
                    .add(group);
        }
        Map<String, Integer> rowsPerLabel = new TreeMap<>();
        records.forEach(r -> rowsPerLabel.merge(r.label(), 1, Integer::sum));

        Map<String, Integer> testRows = new HashMap<>();
        Set<String> testIds = new HashSet<>();
        Random random = new Random(seed);
        int testGroups = 0;
        for (Map.Entry<String, List<List<Record>>> entry : groupsByMajority.entrySet()) {
            List<List<Record>> candidates = new ArrayList<>(entry.getValue());
            Collections.shuffle(candidates, random);
            int quota = testQuota(rowsPerLabel.get(entry.getKey()), testSize);
            testGroups += moveGroups(entry.getKey(), candidates, quota, testRows, testIds);
        }

        List<String> singles = new ArrayList<>();
        List<String> withoutTest = new ArrayList<>();
        rowsPerLabel.forEach(
                (label, rows) ->
                        noteShortfall(
                                label,
                                rows,
                                testRows.getOrDefault(label, 0),
                                singles,
                                withoutTest));
        return new Result(testIds, singles, withoutTest, groups.size(), testGroups);
    }

    /**
     * Moves groups of one majority label to the test side, in the given order, while each move
     * brings the label's test rows closer to {@code quota}; returns the number of groups moved.
     */
    private static int moveGroups(
            String label,
            List<List<Record>> candidates,
            int quota,
            Map<String, Integer> testRows,
            Set<String> testIds) {
        int trainGroups = candidates.size();
        int moved = 0;
        for (List<Record> group : candidates) {
            int current = testRows.getOrDefault(label, 0);
            if (current >= quota || trainGroups <= 1) {
                break;
            }
            long gain = group.stream().filter(r -> r.label().equals(label)).count();
            if (Math.abs(current + gain - quota) < quota - current) {
                for (Record record : group) {
                    testIds.add(record.id());
                    testRows.merge(record.label(), 1, Integer::sum);
                }
                trainGroups--;
                moved++;
            }
        }
        return moved;
    }

    private static void noteShortfall(
            String label, int rows, int testCount, List<String> singles, List<String> withoutTest) {
        if (rows == 1) {
            singles.add(label);
        } else if (testCount == 0) {
            withoutTest.add(label);
        }
    }

    private static String majorityLabel(List<Record> group) {
        Map<String, Integer> counts = new TreeMap<>();
        group.forEach(r -> counts.merge(r.label(), 1, Integer::sum));
        return counts.entrySet().stream()
                .max(
                        Map.Entry.<String, Integer>comparingByValue()
                                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow()
                .getKey();
    }

    /** Groups records by label, labels sorted, records in file order. */
    private static Map<String, List<Record>> byLabel(List<Record> records) {
        Map<String, List<Record>> byLabel = new TreeMap<>();
        records.forEach(r -> byLabel.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r));
        return byLabel;
    }
}
