package dev.st4j.cli;

import dev.st4j.model.ModelResolver;
import dev.st4j.model.SentenceTransformer;
import dev.st4j.train.TrainingThroughput;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Training-speed benchmark: full fine-tuning steps of a model at several batch sizes, printed as
 * one line per batch size with forward-only throughput on the same inputs as the in-process
 * reference, and the process's peak resident memory so far.
 */
public final class TrainBenchmark {

    /** Batch sizes measured by default: the reference recipe's 2, then 16 and 32. */
    public static final List<Integer> DEFAULT_BATCH_SIZES = List.of(2, 16, 32);

    public static final int DEFAULT_SEQ_LENGTH = 128;
    public static final int DEFAULT_WARMUP_STEPS = 2;
    public static final int DEFAULT_TIMED_STEPS = 3;

    private TrainBenchmark() {}

    /** Runs the benchmark with the defaults above. */
    public static void run(PrintWriter out, String modelName) throws IOException {
        run(
                out,
                modelName,
                DEFAULT_BATCH_SIZES,
                DEFAULT_SEQ_LENGTH,
                DEFAULT_WARMUP_STEPS,
                DEFAULT_TIMED_STEPS);
    }

    /**
     * Measures each batch size with {@code warmupSteps} untimed and {@code timedSteps} timed steps
     * on texts that fill {@code seqLength} tokens. One model is loaded and trained throughout, so
     * later batch sizes start from weights the earlier ones changed; speed does not depend on them.
     */
    public static void run(
            PrintWriter out,
            String modelName,
            List<Integer> batchSizes,
            int seqLength,
            int warmupSteps,
            int timedSteps)
            throws IOException {
        try (SentenceTransformer model =
                SentenceTransformer.load(ModelResolver.resolve(modelName))) {
            for (int batchSize : batchSizes) {
                TrainingThroughput.Measurement m =
                        TrainingThroughput.measure(
                                model, batchSize, seqLength, warmupSteps, timedSteps, 42);
                double inference =
                        TrainingThroughput.measureInference(
                                model, batchSize, seqLength, warmupSteps, timedSteps, 42);
                out.printf(
                        Locale.ROOT,
                        "train model=%s batch=%d length=%d timed_steps=%d seconds_per_step=%.3f"
                            + " update_seconds_per_step=%.3f samples_per_second=%.2f"
                            + " inference_samples_per_second=%.2f train_to_inference=%.3f"
                            + " peak_rss_mib=%d%n",
                        modelName,
                        batchSize,
                        seqLength,
                        timedSteps,
                        m.secondsPerStep(),
                        m.updateSecondsPerStep(),
                        m.samplesPerSecond(),
                        inference,
                        m.samplesPerSecond() / inference,
                        peakRssKib() / 1024);
                out.flush();
            }
        }
    }

    /**
     * Returns the process's peak resident set size in KiB ({@code VmHWM} of {@code
     * /proc/self/status}), or -1 where that file does not exist (not Linux).
     */
    public static long peakRssKib() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
