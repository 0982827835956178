package dev.st4j.cli;

import dev.st4j.data.CsvTable;
import dev.st4j.data.DatasetPreparer;
import dev.st4j.data.PrepareConfig;
import dev.st4j.data.PreparedDataset;
import dev.st4j.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Times reading and preparing product CSVs and checks that reading streams: files made by repeating
 * the Amazon rows (ids made unique) are written to a temporary folder, measured and deleted.
 */
public final class DataBenchmark {

    /** The repository's Amazon slice, relative to the repository root. */
    public static final Path DEFAULT_INPUT =
            Path.of(
                    "datasets/amazon-2020-first1999/"
                            + "marketing_sample_for_amazon_com-ecommerce__20200101_20200131__"
                            + "10k_data.first1999rows.csv.gz");

    private static final int ROWS = 10_000;
    private static final int LARGE_COPIES = 50;

    /**
     * Measured values. Times are wall-clock seconds, the best of three runs after one warm-up.
     *
     * @param peakHeapSmallBytes peak heap while streaming the Amazon rows once
     * @param peakHeapLargeBytes peak heap while streaming them {@value #LARGE_COPIES} times over;
     *     it depends on when the collector runs, so {@code liveHeap*} is the flatness measure
     * @param liveHeapSmallBytes the most heap that survived a collection while streaming once
     * @param liveHeapLargeBytes the same while streaming {@value #LARGE_COPIES} times over
     * @param peakRssKb the process's peak resident set size (VmHWM) at the end, or -1 off Linux
     */
    public record Result(
            int rows,
            double readSeconds,
            double prepareSeconds,
            double writeSeconds,
            long largeRows,
            long largeFileBytes,
            double largeReadSeconds,
            long peakHeapSmallBytes,
            long peakHeapLargeBytes,
            long liveHeapSmallBytes,
            long liveHeapLargeBytes,
            long peakRssKb) {}

    private DataBenchmark() {}

    public static void main(String[] args) throws IOException {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        run(args.length > 0 ? Path.of(args[0]) : DEFAULT_INPUT, out);
        out.flush();
    }

    /** Runs the benchmark on {@code amazonCsv} and prints one line per measurement. */
    public static Result run(Path amazonCsv, PrintWriter out) throws IOException {
        Path temp = Files.createTempDirectory("st4j-data-benchmark");
        try {
            List<String> header = new ArrayList<>();
            List<List<String>> rows = readAll(amazonCsv, header);
            Path small = repeat(rows, header, ROWS, temp.resolve("rows-10000.csv"));
            double read = best(() -> streamRows(small));
            PrepareConfig config =
                    PrepareConfig.builder()
                            .input(small)
                            .output(temp.resolve("prepared"))
                            .overwrite(true)
                            .build();
            double prepare = best(() -> PreparedDataset.prepareInMemory(config));
            double write = best(() -> new DatasetPreparer().prepare(config));
            AtomicFiles.deleteRecursively(temp.resolve("prepared"));
            out.printf(Locale.ROOT, "read %,d rows (CSV only):          %.2f s%n", ROWS, read);
            out.printf(Locale.ROOT, "prepare %,d rows (in memory):      %.2f s%n", ROWS, prepare);
            out.printf(Locale.ROOT, "prepare %,d rows (folder written): %.2f s%n", ROWS, write);

            HeapUse heapSmall = heapWhile(() -> streamRows(amazonCsv));
            Path large =
                    repeat(rows, header, rows.size() * LARGE_COPIES, temp.resolve("rows-50x.csv"));
            long[] largeRows = new long[1];
            long start = System.nanoTime();
            HeapUse heapLarge = heapWhile(() -> largeRows[0] = streamRows(large));
            double largeRead = (System.nanoTime() - start) / 1e9;
            long largeBytes = Files.size(large);
            long rss = peakRssKb();
            out.printf(
                    Locale.ROOT,
                    "stream %,d rows (%d MB, %dx):     %.2f s%n",
                    largeRows[0],
                    largeBytes >> 20,
                    LARGE_COPIES,
                    largeRead);
            out.printf(
                    Locale.ROOT,
                    "heap while streaming %,d rows: peak %d MB, live after GC %d MB%n",
                    rows.size(),
                    heapSmall.peakBytes() >> 20,
                    heapSmall.liveAfterCollectionBytes() >> 20);
            out.printf(
                    Locale.ROOT,
                    "heap while streaming %,d rows: peak %d MB, live after GC %d MB%n",
                    largeRows[0],
                    heapLarge.peakBytes() >> 20,
                    heapLarge.liveAfterCollectionBytes() >> 20);
            out.printf(
                    Locale.ROOT,
                    "max heap %d MB, peak RSS of the whole run %d MB%n",
                    Runtime.getRuntime().maxMemory() >> 20,
                    rss >> 10);
            return new Result(
                    ROWS,
                    read,
                    prepare,
                    write,
                    largeRows[0],
                    largeBytes,
                    largeRead,
                    heapSmall.peakBytes(),
                    heapLarge.peakBytes(),
                    heapSmall.liveAfterCollectionBytes(),
                    heapLarge.liveAfterCollectionBytes(),
                    rss);
        } finally {
            AtomicFiles.deleteRecursively(temp);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    private static double best(Step step) throws IOException {
        step.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            step.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    private static long streamRows(Path file) throws IOException {
        long count = 0;
        try (CsvTable table = CsvTable.open(file, null)) {
            for (CsvTable.Row row = table.next(); row != null; row = table.next()) {
                count++;
            }
        }
        return count;
    }

    private static List<List<String>> readAll(Path file, List<String> header) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CsvTable table = CsvTable.open(file, null)) {
            header.addAll(table.columns());
            for (CsvTable.Row row = table.next(); row != null; row = table.next()) {
                rows.add(row.fields());
            }
        }
        return rows;
    }

    /**
     * Writes {@code count} rows cycling through {@code rows}; the first column gets a copy suffix.
     */
    private static Path repeat(List<List<String>> rows, List<String> header, int count, Path file)
            throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter printer = CSVFormat.RFC4180.print(writer)) {
            printer.printRecord(header);
            List<String> copy = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                List<String> row = rows.get(i % rows.size());
                copy.clear();
                copy.addAll(row);
                copy.set(0, row.get(0) + "-" + (i / rows.size()));
                printer.printRecord(copy);
            }
        }
        return file;
    }

    /** Heap use while a step ran: the peak, and the peak of what survived a collection. */
    private record HeapUse(long peakBytes, long liveAfterCollectionBytes) {}

    /** Measures heap use while {@code step} runs, after a collection beforehand. */
    private static HeapUse heapWhile(Step step) throws IOException {
        List<MemoryPoolMXBean> heapPools =
                ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP)
                        .toList();
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        AtomicLong live = new AtomicLong();
        Thread sampler =
                new Thread(
                        () -> {
                            while (!Thread.currentThread().isInterrupted()) {
                                long afterCollection =
                                        heapPools.stream()
                                                .mapToLong(
                                                        pool ->
                                                                pool.getCollectionUsage() == null
                                                                        ? 0
                                                                        : pool.getCollectionUsage()
                                                                                .getUsed())
                                                .sum();
                                live.accumulateAndGet(afterCollection, Math::max);
                                try {
                                    Thread.sleep(10);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try {
            step.run();
        } finally {
            sampler.interrupt();
        }
        long peak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new HeapUse(peak, live.get());
    }

    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
