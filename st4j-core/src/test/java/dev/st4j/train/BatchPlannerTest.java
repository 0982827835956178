package dev.st4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

class BatchPlannerTest {

    private static int[] flatten(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void everyRecordAppearsOncePerEpoch() {
        List<int[]> batches = new BatchPlanner(4, 42, null).batches(10, 1);
        assertEquals(3, batches.size());
        assertEquals(2, batches.get(2).length);
        int[] sorted = flatten(batches);
        Arrays.sort(sorted);
        assertArrayEquals(IntStream.range(0, 10).toArray(), sorted);
    }

    @Test
    void orderDependsOnlyOnSeedAndEpoch() {
        BatchPlanner planner = new BatchPlanner(3, 42, null);
        int[] epoch1 = flatten(planner.batches(20, 1));
        assertArrayEquals(epoch1, flatten(new BatchPlanner(3, 42, null).batches(20, 1)));
        assertFalse(Arrays.equals(epoch1, flatten(planner.batches(20, 2))));
        assertFalse(Arrays.equals(epoch1, flatten(new BatchPlanner(3, 43, null).batches(20, 1))));
    }

    @Test
    void lengthGroupingCutsPadding() {
        int count = 400;
        int[] lengths = new int[count];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < count; i++) {
            lengths[i] = 5 + random.nextInt(120);
        }
        List<int[]> grouped = new BatchPlanner(8, 42, lengths).batches(count, 1);
        List<int[]> plain = new BatchPlanner(8, 42, null).batches(count, 1);
        assertTrue(
                padding(grouped, lengths) * 4 < padding(plain, lengths),
                "grouped padding "
                        + padding(grouped, lengths)
                        + " vs plain "
                        + padding(plain, lengths));
        int[] sorted = flatten(grouped);
        Arrays.sort(sorted);
        assertArrayEquals(IntStream.range(0, count).toArray(), sorted);
        int longest = Arrays.stream(lengths).max().orElseThrow();
        assertTrue(
                Arrays.stream(grouped.get(0)).anyMatch(i -> lengths[i] == longest),
                "the batch with the longest text comes first");
    }

    private static long padding(List<int[]> batches, int[] lengths) {
        long padding = 0;
        for (int[] batch : batches) {
            int max = Arrays.stream(batch).map(i -> lengths[i]).max().orElseThrow();
            for (int i : batch) {
                padding += max - lengths[i];
            }
        }
        return padding;
    }
}
