package dev.st4j.eval;

import java.util.List;
import java.util.Locale;

/**
 * Formats metrics as a plain-text report for a terminal: the summary scores, a per-class table
 * and the confusion matrix, with labels as names. Confusion-matrix columns are headed by the
 * class numbers of the per-class table so the matrix stays narrow with long label names.
 */
public final class MetricsTable {

    private static final int MAX_LABEL_WIDTH = 40;

    private MetricsTable() {}

    /** Formats {@code result}, including the labels unseen in training. */
    public static String format(EvaluationResult result) {
        StringBuilder out = new StringBuilder(format(result.metrics()));
        if (!result.labelsUnseenInTraining().isEmpty()) {
            out.append("\nLabels in the evaluated rows but in no training row (recall 0 by"
                    + " construction): ").append(String.join(", ", result.labelsUnseenInTraining()))
                    .append('\n');
        }
        return out.toString();
    }

    /** Formats {@code metrics}: summary, per-class table, confusion matrix. */
    public static String format(ClassificationMetrics metrics) {
        StringBuilder out = new StringBuilder();
        int correct = 0;
        for (int c = 0; c < metrics.labels().size(); c++) {
            correct += metrics.confusion()[c][c];
        }
        out.append(String.format(Locale.ROOT, "accuracy     %.4f  (%d of %d rows)%n",
                metrics.accuracy(), correct, metrics.total()));
        out.append(String.format(Locale.ROOT, "macro-F1     %.4f%n", metrics.macroF1()));
        out.append(String.format(Locale.ROOT, "weighted-F1  %.4f%n%n", metrics.weightedF1()));

        int labelWidth = Math.max(5, metrics.labels().stream()
                .mapToInt(label -> Math.min(MAX_LABEL_WIDTH, label.length())).max().orElse(5));
        String rowFormat = "%3s  %-" + labelWidth + "s  %9s  %6s  %6s  %7s%n";
        out.append(String.format(Locale.ROOT, rowFormat,
                "#", "label", "precision", "recall", "f1", "support"));
        List<ClassificationMetrics.ClassMetrics> perClass = metrics.perClass();
        for (int c = 0; c < perClass.size(); c++) {
            ClassificationMetrics.ClassMetrics scores = perClass.get(c);
            out.append(String.format(Locale.ROOT, rowFormat, c + 1, shorten(scores.label()),
                    fixed(scores.precision()), fixed(scores.recall()), fixed(scores.f1()),
                    scores.support()));
        }

        out.append("\nConfusion matrix (rows: actual, columns: predicted, by # above)\n");
        int cellWidth = cellWidth(metrics.confusion(), perClass.size());
        StringBuilder header = new StringBuilder(String.format("%3s  %-" + labelWidth + "s", "#", "actual"));
        for (int c = 0; c < perClass.size(); c++) {
            header.append(String.format(" %" + cellWidth + "d", c + 1));
        }
        out.append(header).append('\n');
        for (int actual = 0; actual < perClass.size(); actual++) {
            out.append(String.format("%3d  %-" + labelWidth + "s", actual + 1,
                    shorten(perClass.get(actual).label())));
            for (int predicted = 0; predicted < perClass.size(); predicted++) {
                out.append(String.format(" %" + cellWidth + "d",
                        metrics.confusion()[actual][predicted]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String shorten(String label) {
        return label.length() <= MAX_LABEL_WIDTH
                ? label
                : label.substring(0, MAX_LABEL_WIDTH - 3) + "...";
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static int cellWidth(int[][] confusion, int classes) {
        int widest = String.valueOf(classes).length();
        for (int[] row : confusion) {
            for (int count : row) {
                widest = Math.max(widest, String.valueOf(count).length());
            }
        }
        return widest;
    }
}
