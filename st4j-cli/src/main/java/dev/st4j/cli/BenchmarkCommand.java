package dev.st4j.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.st4j.model.EmbeddedModel;
import dev.st4j.model.ModelLoadException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        description = "Measures encode throughput of st4j against ONNX Runtime on the same embedded"
                + " model in one run, fine-tuning throughput, CSV reading and preparing speed,"
                + " and peak resident memory. Results go to standard output; docs/benchmarks.md"
                + " records them for one machine.")
final class BenchmarkCommand implements Callable<Integer> {

    /** Benchmark suites; {@code all} runs each in turn. */
    enum Suite { ENCODE, TRAIN, DATA, ALL }

    @Spec CommandSpec spec;

    @Option(names = "--suite", paramLabel = "SUITE",
            description = "What to measure: encode, train, data or all. Default: encode.")
    String suite = "encode";

    @Option(names = "--model", paramLabel = "NAME",
            description = "Embedded model to compare with ONNX Runtime (all-minilm-l6-v2,"
                    + " bge-small-en-v1.5, e5-small-v2). Default: ${DEFAULT-VALUE}.")
    String model = EmbeddedModel.DEFAULT.shortName();

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Texts per forward pass in the encode suite. Default: ${DEFAULT-VALUE}.")
    int batchSize = 32;

    @Option(names = "--max-seq-length", paramLabel = "N",
            description = "Token limit per text. Default: ${DEFAULT-VALUE}.")
    int maxSeqLength = 128;

    @Option(names = "--threads", paramLabel = "N",
            description = "Intra-op threads for both engines. Default: ${DEFAULT-VALUE}.")
    int threads = 2;

    @Option(names = "--rounds", paramLabel = "N",
            description = "Timed passes per input; the median is reported."
                    + " Default: ${DEFAULT-VALUE}.")
    int rounds = 3;

    @Option(names = "--fixed-count", paramLabel = "N",
            description = "Number of synthetic texts cut to exactly --max-seq-length tokens."
                    + " Default: ${DEFAULT-VALUE}.")
    int fixedCount = 256;

    @Option(names = "--texts", paramLabel = "FILE",
            description = "Realistic texts to time as well: one per line, or a CSV whose"
                    + " --text-columns are joined.")
    Path texts;

    @Option(names = "--text-columns", split = ",", paramLabel = "COLUMN",
            description = "CSV columns (lower case, spaces as _) joined into one text. Default:"
                    + " product_name,about_product,product_specification,technical_details.")
    List<String> textColumns = List.of("product_name", "about_product", "product_specification",
            "technical_details");

    @Option(names = "--limit", paramLabel = "N",
            description = "Read at most this many texts from --texts. Default: ${DEFAULT-VALUE}.")
    int limit = 500;

    @Option(names = "--train-batch-sizes", split = ",", paramLabel = "N",
            description = "Batch sizes of the train suite. Default: 2,16,32.")
    List<Integer> trainBatchSizes = TrainBenchmark.DEFAULT_BATCH_SIZES;

    @Option(names = "--train-steps", paramLabel = "N",
            description = "Timed fine-tuning steps per batch size, after two untimed ones."
                    + " Default: ${DEFAULT-VALUE}.")
    int trainSteps = TrainBenchmark.DEFAULT_TIMED_STEPS;

    @Option(names = "--data-input", paramLabel = "FILE",
            description = "Product CSV the data suite repeats to 10,000 rows and to 50 copies."
                    + " Default: the shipped Amazon rows.")
    Path dataInput;

    @Override
    public Integer call() throws Exception {
        Suite chosen = parseSuite();
        for (String name : List.of("batch-size", "max-seq-length", "threads", "rounds",
                "fixed-count", "limit", "train-steps")) {
            int value = (int) spec.findOption("--" + name).getValue();
            if (value < 1) {
                throw new IllegalArgumentException("Invalid --" + name + " " + value
                        + ": must be at least 1");
            }
        }
        if (chosen == Suite.ENCODE || chosen == Suite.ALL) {
            EmbeddedModel embedded = EmbeddedModel.find(model).orElseThrow(() ->
                    new ModelLoadException("Invalid --model '" + model + "': the encode benchmark"
                            + " needs an embedded model, whose ONNX export ONNX Runtime runs"));
            EncodeBenchmark.run(new EncodeBenchmark.Settings(embedded, batchSize, maxSeqLength,
                    threads, rounds, fixedCount, texts, textColumns, limit),
                    spec.commandLine().getOut());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (chosen == Suite.TRAIN || chosen == Suite.ALL) {
            for (int size : trainBatchSizes) {
                if (size < 1) {
                    throw new IllegalArgumentException("Invalid --train-batch-sizes value " + size
                            + ": must be at least 1");
                }
            }
            // The engine loads libtorch, which must happen before its thread count is set.
            Engine.getInstance();
            JniUtils.setNumThreads(threads);
            out.printf("%nFine-tuning throughput (%s, length %d, %d threads)%n", model,
                    maxSeqLength, threads);
            TrainBenchmark.run(out, model, trainBatchSizes, maxSeqLength,
                    TrainBenchmark.DEFAULT_WARMUP_STEPS, trainSteps);
        }
        if (chosen == Suite.DATA || chosen == Suite.ALL) {
            Path input = dataInput != null ? dataInput : Path.of(System.getenv()
                    .getOrDefault("ST4J_HOME", ".")).resolve(DataBenchmark.DEFAULT_INPUT);
            if (!Files.isRegularFile(input)) {
                throw new IllegalArgumentException("Invalid --data-input " + input
                        + ": no such file; name a product CSV with a header row");
            }
            out.printf("%nReading and preparing %s%n", input);
            DataBenchmark.run(input, out);
            out.flush();
        }
        return 0;
    }

    private Suite parseSuite() {
        try {
            return Suite.valueOf(suite.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid --suite '" + suite
                    + "': expected encode, train, data or all", e);
        }
    }
}
