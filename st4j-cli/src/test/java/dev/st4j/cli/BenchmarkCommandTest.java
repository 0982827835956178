package dev.st4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Runs the benchmark suites with tiny settings, to check that they run, not how fast. */
class BenchmarkCommandTest {

    private record Run(int exitCode, String out, String err) {}

    private static Run benchmark(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = St4j.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "benchmark";
        System.arraycopy(args, 0, full, 1, args.length);
        int exitCode = commandLine.execute(full);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void trainSuitePrintsOneLinePerBatchSize() {
        Run run = benchmark("--suite", "train", "--train-batch-sizes", "2,4", "--train-steps", "1",
                "--max-seq-length", "16", "--threads", "1");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("train model=all-minilm-l6-v2 batch=2 length=16"), run.out());
        assertTrue(run.out().contains("train model=all-minilm-l6-v2 batch=4 length=16"), run.out());
        assertTrue(run.out().contains("samples_per_second="), run.out());
    }

    @Test
    void unknownSuiteIsRejected() {
        Run run = benchmark("--suite", "speed");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("expected encode, train, data or all"), run.err());
    }

    @Test
    void trainBatchSizeZeroIsRejected() {
        Run run = benchmark("--suite", "train", "--train-batch-sizes", "0");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("Invalid --train-batch-sizes value 0"), run.err());
    }
}
