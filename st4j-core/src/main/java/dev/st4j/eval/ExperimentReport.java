package dev.st4j.eval;

import dev.st4j.io.AtomicFiles;
import dev.st4j.io.Json;
import dev.st4j.io.Versions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an experiment's results into a folder: {@code metrics.json} (the runs),
 * {@code report.md} (comparison table, the best run's per-class scores and confusion matrix,
 * settings and seeds), {@code accuracy.png} and, when there are loss curves, {@code loss.png}.
 */
public final class ExperimentReport {

    public static final String METRICS_FILE = "metrics.json";
    public static final String REPORT_FILE = "report.md";
    public static final String ACCURACY_CHART = "accuracy.png";
    public static final String LOSS_CHART = "loss.png";

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentReport.class);

    private ExperimentReport() {}

    /**
     * Writes the report files into {@code dir}, each atomically.
     *
     * @param lossCurves training loss of each fine-tuning run; empty when nothing was fine-tuned
     * @param overwrite whether existing report files in {@code dir} may be replaced
     * @return the files written
     * @throws java.nio.file.FileAlreadyExistsException if a report file exists and
     *     {@code overwrite} is false
     */
    public static List<Path> write(Path dir, List<ExperimentRun> runs, List<LossCurve> lossCurves,
            boolean overwrite) throws IOException {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("No experiment runs to report; run at least one"
                    + " model before writing the report");
        }
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path metrics = dir.resolve(METRICS_FILE);
        Json.write(metrics, runs, overwrite);
        written.add(metrics);

        Path accuracy = dir.resolve(ACCURACY_CHART);
        AtomicFiles.writeFile(accuracy, overwrite, file -> ReportCharts.writeAccuracyChart(file, runs));
        written.add(accuracy);
        if (!lossCurves.isEmpty()) {
            Path loss = dir.resolve(LOSS_CHART);
            AtomicFiles.writeFile(loss, overwrite, file -> ReportCharts.writeLossChart(file, lossCurves));
            written.add(loss);
        }

        Path report = dir.resolve(REPORT_FILE);
        AtomicFiles.writeString(report, overwrite, markdown(runs, !lossCurves.isEmpty()));
        written.add(report);
        LOG.info("Wrote the experiment report ({} runs) to {}", runs.size(), dir);
        return written;
    }

    /**
     * Returns the run the report details: the most accurate leak-free run (macro-F1 breaks ties),
     * or the most accurate run when every run is leaky.
     */
    public static ExperimentRun bestRun(List<ExperimentRun> runs) {
        Comparator<ExperimentRun> byScore = Comparator.comparingDouble(ExperimentRun::accuracy)
                .thenComparingDouble(ExperimentRun::macroF1);
        return runs.stream().filter(run -> !run.leaky()).max(byScore)
                .orElseGet(() -> runs.stream().max(byScore).orElseThrow());
    }

    /**
     * Appends the accuracy of always predicting the largest class of the test split, the floor
     * that a classifier has to beat on imbalanced data. The class counts come from the first
     * run's confusion matrix, since every run is scored on the same test rows.
     */
    private static void appendMajorityBaseline(StringBuilder md, List<ExperimentRun> runs) {
        if (runs.isEmpty() || runs.get(0).evaluation() == null) {
            return;
        }
        ClassificationMetrics metrics = runs.get(0).evaluation().metrics();
        if (metrics.total() == 0) {
            return;
        }
        int largest = 0;
        int largestCount = -1;
        for (int c = 0; c < metrics.confusion().length; c++) {
            int count = Arrays.stream(metrics.confusion()[c]).sum();
            if (count > largestCount) {
                largest = c;
                largestCount = count;
            }
        }
        md.append("\nAlways predicting the largest test class, ")
                .append(cell(metrics.labels().get(largest))).append(" (").append(largestCount)
                .append(" of ").append(metrics.total()).append(" test rows), scores accuracy ")
                .append(score((double) largestCount / metrics.total()))
                .append(" and is the floor to compare with.\n");
    }

    static String markdown(List<ExperimentRun> runs, boolean hasLossChart) {
        StringBuilder md = new StringBuilder("# st4j experiment report\n\n");
        md.append("Generated ").append(Instant.now()).append(" by st4j ").append(Versions.ST4J)
                .append(".\n\n## Results on the held-out test split\n\n");

        md.append("| # | encoder | fine-tuned | classifier | accuracy | macro-F1 | weighted-F1"
                + " | train rows | test rows | truncated texts | encode s | fine-tune s"
                + " | xgboost s |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < runs.size(); i++) {
            ExperimentRun run = runs.get(i);
            md.append("| ").append(i + 1).append(" | ").append(cell(run.model()))
                    .append(" | ").append(fineTunedCell(run))
                    .append(" | ").append(cell(run.classifier()))
                    .append(" | ").append(score(run.accuracy()))
                    .append(" | ").append(score(run.macroF1()))
                    .append(" | ").append(score(run.weightedF1()))
                    .append(" | ").append(run.trainRows())
                    .append(" | ").append(run.testRows())
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f%%", 100 * run.truncatedShare()))
                    .append(" | ").append(seconds(run.timings().get(ExperimentRun.ENCODE)))
                    .append(" | ").append(seconds(run.timings().get(ExperimentRun.FINETUNE)))
                    .append(" | ").append(seconds(run.timings().get(ExperimentRun.XGBOOST)))
                    .append(" |\n");
        }

        if (runs.stream().anyMatch(ExperimentRun::leaky)) {
            md.append("\n**LEAKY** runs were fine-tuned on rows that include the test rows, so"
                    + " their scores are optimistic and must not be compared with leak-free"
                    + " runs as equals.\n");
        }
        md.append("\n\"Truncated texts\" is the share of texts longer than the encoder's max"
                + " sequence length, whose ends the encoder never saw.\n");
        appendMajorityBaseline(md, runs);
        md.append('\n');

        md.append("![Test accuracy per encoder](").append(ACCURACY_CHART).append(")\n\n");
        if (hasLossChart) {
            md.append("![Fine-tuning training loss](").append(LOSS_CHART).append(")\n\n");
        } else {
            md.append("No fine-tuning run logged a loss curve, so there is no loss chart.\n\n");
        }

        appendBestRun(md, runs);
        appendSettings(md, runs);
        return md.toString();
    }

    private static void appendBestRun(StringBuilder md, List<ExperimentRun> runs) {
        ExperimentRun best = bestRun(runs);
        ClassificationMetrics metrics = best.evaluation().metrics();
        md.append("## Best run: ").append(best.displayName()).append("\n\n");
        if (best.leaky()) {
            md.append("Every run is **LEAKY**, so the best run's scores are optimistic.\n\n");
        } else {
            md.append("Chosen as the most accurate leak-free run (macro-F1 breaks ties).\n\n");
        }
        List<String> unseen = best.evaluation().labelsUnseenInTraining();
        if (!unseen.isEmpty()) {
            md.append("Labels in the test split but in no training row (recall 0 by"
                    + " construction): ").append(cell(String.join(", ", unseen))).append(".\n\n");
        }

        md.append("### Per-class scores\n\n| # | label | precision | recall | F1 | support |\n")
                .append("|---|---|---|---|---|---|\n");
        for (int c = 0; c < metrics.perClass().size(); c++) {
            ClassificationMetrics.ClassMetrics scores = metrics.perClass().get(c);
            md.append("| ").append(c + 1).append(" | ").append(cell(scores.label()))
                    .append(" | ").append(score(scores.precision()))
                    .append(" | ").append(score(scores.recall()))
                    .append(" | ").append(score(scores.f1()))
                    .append(" | ").append(scores.support()).append(" |\n");
        }

        md.append("\n### Confusion matrix\n\nRows are actual labels, columns predicted labels,"
                + " numbered as in the per-class table.\n\n| # | actual |");
        int classes = metrics.labels().size();
        StringBuilder rule = new StringBuilder("|---|---|");
        for (int c = 0; c < classes; c++) {
            md.append(' ').append(c + 1).append(" |");
            rule.append("---|");
        }
        md.append('\n').append(rule).append('\n');
        for (int actual = 0; actual < classes; actual++) {
            md.append("| ").append(actual + 1).append(" | ").append(cell(metrics.labels().get(actual)))
                    .append(" |");
            for (int predicted = 0; predicted < classes; predicted++) {
                md.append(' ').append(metrics.confusion()[actual][predicted]).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void appendSettings(StringBuilder md, List<ExperimentRun> runs) {
        md.append("## Settings and seeds\n\n");
        for (int i = 0; i < runs.size(); i++) {
            ExperimentRun run = runs.get(i);
            md.append("### Run ").append(i + 1).append(": ").append(run.displayName());
            if (run.leaky()) {
                md.append(" (**LEAKY**)");
            }
            md.append("\n\n- seed: ").append(run.settings().getOrDefault("seed", "not recorded"))
                    .append('\n');
            for (Map.Entry<String, Object> setting : run.settings().entrySet()) {
                if (!"seed".equals(setting.getKey())) {
                    md.append("- ").append(setting.getKey()).append(": ")
                            .append(cell(String.valueOf(setting.getValue()))).append('\n');
                }
            }
            md.append('\n');
        }
    }

    private static String fineTunedCell(ExperimentRun run) {
        if (!run.fineTuned()) {
            return "no";
        }
        return run.leaky() ? "yes, **LEAKY**" : "yes, leak-free";
    }

    private static String score(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String seconds(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Escapes a value for a Markdown table cell, where a bare pipe would start a new cell. */
    private static String cell(String value) {
        return value.replace("|", "\\|").replace("\n", " ");
    }
}
