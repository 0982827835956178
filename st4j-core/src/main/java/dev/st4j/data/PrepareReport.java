package dev.st4j.data;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Summary of one preparation, saved as {@code report.json} with snake_case keys.
 *
 * @param inputSha256 SHA-256 of the input file as stored (compressed, for a {@code .gz})
 * @param contentSha256 SHA-256 of the decompressed CSV bytes
 * @param rowsRead data rows read, the header and blank lines not counted
 * @param blankLines empty lines between rows, which hold no data
 * @param rowsLabelled rows read minus rows skipped
 * @param rowsKept records in the prepared dataset: the labelled rows, or the sample of them
 * @param skipped reason key ({@link SkipReason#key()}) to number of rows, every reason listed
 * @param skippedExamples reason key to the locations of its first few rows
 * @param sample the stratified sample taken before the split, or null when none was requested
 * @param labels label to its row counts per split, in label id order
 * @param singleRowLabels labels with one row, which went to training
 * @param labelsWithoutTestRows labels with two or more rows but no test row
 * @param groups the group split's group counts, or null without a group column
 * @param emptyTexts kept records whose text is empty
 * @param textLengthChars text length statistics, in Unicode code points
 * @param textsOverMaxSeqLength texts longer than a model's maximum sequence length, or null when no
 *     token counter was given
 * @param numeric numeric column to its missing and unparsed counts over the labelled rows
 * @param categoricalMissing categorical column to its missing count over the labelled rows
 * @param datasetSha256 the dataset checksum, {@link PreparedDataset#sha256()}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PrepareReport(
        String input,
        String inputSha256,
        String contentSha256,
        long rowsRead,
        long blankLines,
        long rowsLabelled,
        long rowsKept,
        Map<String, Long> skipped,
        Map<String, List<String>> skippedExamples,
        Sample sample,
        Map<String, SplitCount> labels,
        long trainRows,
        long testRows,
        List<String> singleRowLabels,
        List<String> labelsWithoutTestRows,
        Groups groups,
        long emptyTexts,
        Lengths textLengthChars,
        OverMaxLength textsOverMaxSeqLength,
        Map<String, NumericStats> numeric,
        Map<String, Long> categoricalMissing,
        String datasetSha256) {

    /** Rows of one label on each side of the split. */
    public record SplitCount(long train, long test) {}

    /**
     * A stratified sample.
     *
     * @param labelsDropped labels whose share of the sample rounded to no row
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Sample(
            int requested, long rowsBefore, long rowsAfter, List<String> labelsDropped) {}

    /** Group counts of a group-aware split; no group has rows on both sides. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Groups(String column, long total, long test) {}

    /** Length statistics; the median and p90 interpolate linearly between ranks. */
    public record Lengths(long min, double mean, double median, double p90, long max) {}

    /** Texts whose token count exceeds {@code maxSeqLength}, and their share of all texts. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OverMaxLength(int maxSeqLength, long count, double share) {}

    /**
     * Counts of a numeric column.
     *
     * @param unparsed non-empty cells that {@link NumberParser} could not read, kept as NaN
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record NumericStats(long missing, long unparsed, List<String> unparsedExamples) {}

    /** Returns the summary printed after a run, one fact per line. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "Rows read: %d, kept: %d (train %d, test %d)%n",
                        rowsRead,
                        rowsKept,
                        trainRows,
                        testRows));
        skipped.forEach(
                (reason, count) -> {
                    if (count > 0) {
                        out.append(String.format(Locale.ROOT, "Skipped (%s): %d%n", reason, count));
                    }
                });
        if (sample != null) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "Sample: %d of %d labelled rows%s%n",
                            sample.rowsAfter(),
                            sample.rowsBefore(),
                            sample.labelsDropped().isEmpty()
                                    ? ""
                                    : ", labels dropped: " + sample.labelsDropped()));
        }

        out.append(String.format(Locale.ROOT, "%-44s %7s %7s%n", "Label", "train", "test"));
        labels.forEach(
                (label, count) ->
                        out.append(
                                String.format(
                                        Locale.ROOT,
                                        "%-44s %7d %7d%n",
                                        label,
                                        count.train(),
                                        count.test())));

        if (!singleRowLabels.isEmpty()) {
            out.append("Labels with a single row (all in train): ")
                    .append(singleRowLabels)
                    .append('\n');
        }
        if (!labelsWithoutTestRows.isEmpty()) {
            out.append("Labels without test rows: ").append(labelsWithoutTestRows).append('\n');
        }
        if (groups != null) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "Groups (%s): %d, of which %d in test%n",
                            groups.column(),
                            groups.total(),
                            groups.test()));
        }

        out.append(String.format(Locale.ROOT, "Empty texts: %d%n", emptyTexts));
        out.append(
                String.format(
                        Locale.ROOT,
                        "Text length (code points): median %.0f, p90 %.0f, max %d%n",
                        textLengthChars.median(),
                        textLengthChars.p90(),
                        textLengthChars.max()));
        if (textsOverMaxSeqLength != null) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "Texts over %d tokens: %d (%.1f%%)%n",
                            textsOverMaxSeqLength.maxSeqLength(),
                            textsOverMaxSeqLength.count(),
                            100 * textsOverMaxSeqLength.share()));
        }
        return out.toString();
    }
}
