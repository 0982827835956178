package dev.st4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Order of the training records in each epoch, as batches of record indices. The order depends only
 * on the seed and the epoch number, so a resumed run gets the same batches as an uninterrupted one.
 *
 * <p>With length grouping, the shuffled records are cut into chunks of {@value #BATCHES_PER_CHUNK}
 * batches, each chunk is sorted by token length and cut into batches, and the batches are shuffled.
 * Batches then hold texts of similar length, so little compute goes to padding, while the epoch
 * order stays random. The batch with the longest text goes first, so a run that does not fit in
 * memory fails at its first step rather than hours in.
 */
final class BatchPlanner {

    static final int BATCHES_PER_CHUNK = 50;

    private final int batchSize;
    private final long seed;
    private final int[] tokenLengths;

    /**
     * @param tokenLengths token count of each record after truncation, or {@code null} for plain
     *     shuffling
     */
    BatchPlanner(int batchSize, long seed, int[] tokenLengths) {
        this.batchSize = batchSize;
        this.seed = seed;
        this.tokenLengths = tokenLengths == null ? null : tokenLengths.clone();
    }

    /** Returns the random generator of one epoch (1-based), also used to seed dropout. */
    static long epochSeed(long seed, int epoch) {
        // SplitMix64 finaliser over seed and epoch: nearby seeds and epochs give unrelated streams.
        long z = seed + 0x9E3779B97F4A7C15L * epoch;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Returns the batches of {@code epoch} (1-based) over {@code count} records. */
    List<int[]> batches(int count, int epoch) {
        Random random = new Random(epochSeed(seed, epoch));
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Collections.shuffle(Arrays.asList(order), random);

        if (tokenLengths == null) {
            return cut(Arrays.asList(order));
        }
        if (tokenLengths.length != count) {
            throw new IllegalArgumentException(
                    "Got "
                            + tokenLengths.length
                            + " token lengths for "
                            + count
                            + " records; pass one length per record");
        }

        List<int[]> batches = new ArrayList<>();
        int chunkSize = batchSize * BATCHES_PER_CHUNK;
        Comparator<Integer> longestFirst =
                Comparator.comparingInt((Integer i) -> tokenLengths[i]).reversed();
        for (int start = 0; start < count; start += chunkSize) {
            List<Integer> chunk =
                    new ArrayList<>(
                            Arrays.asList(order)
                                    .subList(start, Math.min(count, start + chunkSize)));
            chunk.sort(longestFirst);
            batches.addAll(cut(chunk));
        }
        Collections.shuffle(batches, random);

        int longest = 0;
        for (int b = 1; b < batches.size(); b++) {
            if (maxLength(batches.get(b)) > maxLength(batches.get(longest))) {
                longest = b;
            }
        }
        Collections.swap(batches, 0, longest);
        return batches;
    }

    private int maxLength(int[] batch) {
        int max = 0;
        for (int i : batch) {
            max = Math.max(max, tokenLengths[i]);
        }
        return max;
    }

    private List<int[]> cut(List<Integer> order) {
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.size(); start += batchSize) {
            int end = Math.min(order.size(), start + batchSize);
            int[] batch = new int[end - start];
            for (int i = start; i < end; i++) {
                batch[i - start] = order.get(i);
            }
            batches.add(batch);
        }
        return batches;
    }

    /** Returns the number of batches per epoch over {@code count} records. */
    int batchesPerEpoch(int count) {
        return (count + batchSize - 1) / batchSize;
    }
}
