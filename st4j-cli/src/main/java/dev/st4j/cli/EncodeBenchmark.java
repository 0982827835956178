package dev.st4j.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnxruntime.OrtException;
import dev.st4j.io.Versions;
import dev.st4j.model.EmbeddedModel;
import dev.st4j.model.EncodeOptions;
import dev.st4j.model.ModelResolver;
import dev.st4j.model.SentenceTransformer;
import dev.st4j.model.TokenBatch;
import dev.st4j.model.onnx.OrtEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Encode throughput of st4j and ONNX Runtime on the same embedded model, texts, batch size, token
 * limit and thread count, in one process. Both sides include tokenization and pooling. st4j's
 * peak resident memory is read before ONNX Runtime starts.
 */
final class EncodeBenchmark {

    /**
     * Benchmark settings.
     *
     * @param texts realistic texts to time besides the fixed-length ones, or null
     * @param rounds timed passes of each engine over each input
     */
    record Settings(EmbeddedModel model, int batchSize, int maxSeqLength, int threads, int rounds,
            int fixedCount, Path texts, List<String> textColumns, int textLimit) {}

    private record Input(String name, List<String> texts, double meanTokens) {}

    /** Idle time before each timed pass; libgomp and ONNX Runtime threads spin for less. */
    private static final long PAUSE_MILLIS = 300;

    private EncodeBenchmark() {}

    static void run(Settings settings, PrintWriter out) throws IOException, OrtException {
        Engine.getInstance();
        JniUtils.setNumThreads(settings.threads());
        EncodeOptions options = new EncodeOptions(settings.batchSize(), settings.maxSeqLength(),
                false, false);
        out.printf("Encode benchmark: %s, batch %d, max %d tokens, %d threads, median of %d rounds%n",
                settings.model().shortName(), settings.batchSize(), settings.maxSeqLength(),
                settings.threads(), settings.rounds());
        out.printf("Machine: %s, %d cores visible, Java %s, DJL %s / libtorch %s, ONNX Runtime %s%n",
                cpuModel(), Runtime.getRuntime().availableProcessors(),
                Versions.libraries().get("java"), Versions.libraries().get("djl"),
                Versions.libraries().get("libtorch"), Versions.libraries().get("onnxruntime"));
        out.flush();
        Path folder = ModelResolver.resolve(settings.model().shortName());
        try (SentenceTransformer model = SentenceTransformer.load(folder)) {
            List<Input> inputs = new ArrayList<>();
            inputs.add(input(model, "fixed length", BenchmarkTexts.fixedLength(settings.fixedCount(),
                    settings.maxSeqLength()), settings.maxSeqLength()));
            if (settings.texts() != null) {
                String name = settings.texts().getFileName().toString();
                if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
                    name = "CSV " + String.join("+", settings.textColumns());
                }
                inputs.add(input(model, name,
                        BenchmarkTexts.read(settings.texts(), settings.textColumns(),
                                settings.textLimit()), settings.maxSeqLength()));
            }
            String loadBefore = loadAverage();
            // Phase 1, st4j alone: warm-up and one pass per input, so the peak resident memory
            // below is st4j's own.
            for (Input input : inputs) {
                List<String> texts = input.texts();
                model.encode(texts.subList(0, Math.min(texts.size(), 2 * settings.batchSize())), options);
                model.encode(texts, options);
            }
            long st4jPeak = ProcessMemory.peakResidentBytes();

            // Phase 2, timed: the engines alternate pass by pass, so load from other processes
            // hits both alike, and each ratio is taken within one round. A pause before each
            // pass lets the other engine's worker threads stop spinning first.
            Rates[] rates = new Rates[inputs.size()];
            try (OrtEncoder ort = new OrtEncoder(settings.model(), settings.threads())) {
                for (int i = 0; i < inputs.size(); i++) {
                    List<String> texts = inputs.get(i).texts();
                    ortEncode(ort, model, texts.subList(0, Math.min(texts.size(), 2 * settings.batchSize())),
                            settings, false);
                    rates[i] = new Rates(settings.rounds());
                    for (int r = 0; r < settings.rounds(); r++) {
                        rates[i].st4j[r] = rate(texts.size(), () -> model.encode(texts, options));
                        rates[i].ortInputOrder[r] = rate(texts.size(),
                                () -> ortEncode(ort, model, texts, settings, false));
                        rates[i].ortSorted[r] = i == 0 ? rates[i].ortInputOrder[r] : rate(texts.size(),
                                () -> ortEncode(ort, model, texts, settings, true));
                    }
                }
            }
            long totalPeak = ProcessMemory.peakResidentBytes();
            report(out, inputs, rates, st4jPeak, totalPeak);
            out.printf("Load average (1, 5, 15 min) before: %s; after: %s%n", loadBefore,
                    loadAverage());
            out.flush();
        }
    }

    /** Sentences per second of each engine, one entry per round. */
    private static final class Rates {
        final double[] st4j;
        final double[] ortInputOrder;
        final double[] ortSorted;

        Rates(int rounds) {
            st4j = new double[rounds];
            ortInputOrder = new double[rounds];
            ortSorted = new double[rounds];
        }
    }

    private static Input input(SentenceTransformer model, String name, List<String> texts, int limit) {
        long tokens = 0;
        for (int start = 0; start < texts.size(); start += 256) {
            TokenBatch batch = model.tokenize(texts.subList(start, Math.min(texts.size(), start + 256)), limit);
            for (long[] mask : batch.attentionMask()) {
                tokens += Arrays.stream(mask).sum();
            }
        }
        return new Input(name, texts, texts.isEmpty() ? 0 : (double) tokens / texts.size());
    }

    /** Encodes through ONNX Runtime in batches, optionally sorted by token count like st4j. */
    private static void ortEncode(OrtEncoder ort, SentenceTransformer model, List<String> texts,
            Settings settings, boolean sortByLength) {
        List<String> ordered = texts;
        if (sortByLength) {
            TokenBatch all = model.tokenize(texts, settings.maxSeqLength());
            Integer[] order = new Integer[texts.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            long[] lengths = Arrays.stream(all.attentionMask())
                    .mapToLong(mask -> Arrays.stream(mask).sum()).toArray();
            Arrays.sort(order, Comparator.comparingLong((Integer i) -> lengths[i]).reversed());
            ordered = Arrays.stream(order).map(texts::get).toList();
        }
        try {
            for (int start = 0; start < ordered.size(); start += settings.batchSize()) {
                List<String> chunk = ordered.subList(start, Math.min(ordered.size(), start + settings.batchSize()));
                ort.embed(model.tokenize(chunk, settings.maxSeqLength()));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    private static double rate(int texts, Runnable pass) {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Benchmark interrupted", e);
        }
        long started = System.nanoTime();
        pass.run();
        return texts / ((System.nanoTime() - started) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void report(PrintWriter out, List<Input> inputs, Rates[] rates, long st4jPeak,
            long totalPeak) {
        out.println();
        out.println("| input | texts | mean tokens | st4j sentences/s | ONNX Runtime sentences/s"
                + " | st4j / ORT |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            row(out, input.name() + (i == 0 ? "" : ", ORT batches in input order"), input,
                    rates[i].st4j, rates[i].ortInputOrder);
            if (i > 0) {
                row(out, input.name() + ", ORT batches length-sorted too", input, rates[i].st4j,
                        rates[i].ortSorted);
            }
        }
        out.println();
        out.println("Throughputs are medians over rounds; the ratio is the median of per-round"
                + " ratios, the engines alternating pass by pass.");
        out.printf("Peak resident memory (VmHWM): st4j %s before ONNX Runtime started; %s for the"
                + " whole process after it ran%n", ProcessMemory.format(st4jPeak),
                ProcessMemory.format(totalPeak));
        out.flush();
    }

    private static void row(PrintWriter out, String name, Input input, double[] st4j, double[] ort) {
        double[] ratios = new double[st4j.length];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = st4j[r] / ort[r];
        }
        out.printf("| %s | %d | %.1f | %.1f | %.1f | %.2fx |%n", name, input.texts().size(),
                input.meanTokens(), median(st4j), median(ort), median(ratios));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }
}
