package dev.st4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accumulates the counts of one preparation and builds its {@link PrepareReport}. */
final class PrepareReportBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(PrepareReportBuilder.class);
    private static final int MAX_EXAMPLES = 5;

    private final PrepareConfig config;
    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private final Map<SkipReason, List<String>> examples = new EnumMap<>(SkipReason.class);
    private long rowsRead;
    private long blankLines;
    private long rowsLabelled;
    private String inputSha256;
    private String contentSha256;
    private Map<String, PrepareReport.NumericStats> numeric = Map.of();
    private Map<String, Long> categoricalMissing = Map.of();
    private PrepareReport.Sample sample;

    PrepareReportBuilder(PrepareConfig config) {
        this.config = config;
        for (SkipReason reason : SkipReason.values()) {
            skipped.put(reason, 0L);
            examples.put(reason, new ArrayList<>());
        }
    }

    void rowRead() {
        rowsRead++;
    }

    long rowsRead() {
        return rowsRead;
    }

    void skip(DataFileException problem) {
        skipped.merge(problem.reason(), 1L, Long::sum);
        List<String> list = examples.get(problem.reason());
        if (list.size() < MAX_EXAMPLES) {
            list.add(problem.shortMessage());
        }
    }

    /** Records what only the finished input can tell: checksums and feature counts. */
    void input(CsvTable table, RecordExtractor extractor) {
        inputSha256 = table.fileSha256();
        contentSha256 = table.contentSha256();
        blankLines = table.blankLines();
        numeric = extractor.numericStats();
        categoricalMissing = extractor.categoricalMissing();
        rowsLabelled = rowsRead - skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    void sample(int requested, List<Record> before, List<Record> after) {
        TreeSet<String> dropped = new TreeSet<>();
        before.forEach(r -> dropped.add(r.label()));
        after.forEach(r -> dropped.remove(r.label()));
        if (after.size() == before.size()) {
            LOG.warn(
                    "--sample {} is not smaller than the {} labelled rows, so all rows are kept",
                    requested,
                    before.size());
        }
        if (!dropped.isEmpty()) {
            LOG.warn("The sample of {} rows has no row of the labels {}", after.size(),
                    quoted(dropped));
        }
        sample =
                new PrepareReport.Sample(
                        requested, before.size(), after.size(), List.copyOf(dropped));
    }

    String skippedSummary() {
        Map<String, Long> nonZero = new LinkedHashMap<>();
        skipped.forEach(
                (reason, count) -> {
                    if (count > 0) {
                        nonZero.put(reason.key(), count);
                    }
                });
        return nonZero.toString();
    }

    PrepareReport finish(
            List<Record> records,
            LabelMap labels,
            Splitter.Result split,
            ToIntFunction<String> tokenCounter,
            int maxSeqLength,
            String datasetSha256) {
        Map<String, PrepareReport.SplitCount> perLabel = new LinkedHashMap<>();
        long[] train = new long[labels.size()];
        long[] test = new long[labels.size()];
        long emptyTexts = 0;
        for (Record record : records) {
            int id = labels.idOf(record.label());
            if (split.testIds().contains(record.id())) {
                test[id]++;
            } else {
                train[id]++;
            }
            if (record.text().isEmpty()) {
                emptyTexts++;
            }
        }
        for (int id = 0; id < labels.size(); id++) {
            perLabel.put(labels.nameOf(id), new PrepareReport.SplitCount(train[id], test[id]));
        }
        warnAboutShortfalls(split, emptyTexts);
        Map<String, Long> skippedByKey = new LinkedHashMap<>();
        Map<String, List<String>> examplesByKey = new LinkedHashMap<>();
        skipped.forEach((reason, count) -> skippedByKey.put(reason.key(), count));
        examples.forEach((reason, list) -> examplesByKey.put(reason.key(), List.copyOf(list)));
        PrepareReport.Groups groups =
                config.groupColumn() == null
                        ? null
                        : new PrepareReport.Groups(
                                config.groupColumn(), split.groups(), split.testGroups());
        return new PrepareReport(
                config.input().toString(),
                inputSha256,
                contentSha256,
                rowsRead,
                blankLines,
                rowsLabelled,
                records.size(),
                skippedByKey,
                examplesByKey,
                sample,
                perLabel,
                records.size() - split.testIds().size(),
                split.testIds().size(),
                split.singleRowLabels(),
                split.labelsWithoutTestRows(),
                groups,
                emptyTexts,
                lengths(records),
                overMaxLength(records, tokenCounter, maxSeqLength),
                numeric,
                categoricalMissing,
                datasetSha256);
    }

    private void warnAboutShortfalls(Splitter.Result split, long emptyTexts) {
        if (!split.singleRowLabels().isEmpty()) {
            LOG.warn(
                    "Labels with a single row, kept in training only: {}",
                    quoted(split.singleRowLabels()));
        }
        if (!split.labelsWithoutTestRows().isEmpty()) {
            LOG.warn(
                    "Labels without a test row at test size {}: {}",
                    config.testSize(),
                    quoted(split.labelsWithoutTestRows()));
        }
        if (emptyTexts > 0) {
            LOG.warn(
                    "{} records have an empty text: all of {} are empty",
                    emptyTexts,
                    config.textColumns());
        }
    }

    /** Joins labels in double quotes, since labels such as "Patio, Lawn & Garden" hold commas. */
    private static String quoted(Collection<String> labels) {
        return labels.stream().map(label -> '"' + label + '"').collect(Collectors.joining(", "));
    }

    /** Returns code-point length statistics; percentiles interpolate linearly between ranks. */
    static PrepareReport.Lengths lengths(List<Record> records) {
        long[] lengths =
                records.stream()
                        .mapToLong(r -> r.text().codePointCount(0, r.text().length()))
                        .sorted()
                        .toArray();
        if (lengths.length == 0) {
            return new PrepareReport.Lengths(0, 0, 0, 0, 0);
        }
        double mean = Arrays.stream(lengths).average().orElse(0);
        return new PrepareReport.Lengths(
                lengths[0],
                mean,
                percentile(lengths, 0.5),
                percentile(lengths, 0.9),
                lengths[lengths.length - 1]);
    }

    static double percentile(long[] sorted, double fraction) {
        double position = fraction * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    private static PrepareReport.OverMaxLength overMaxLength(
            List<Record> records, ToIntFunction<String> tokenCounter, int maxSeqLength) {
        if (tokenCounter == null) {
            return null;
        }
        long over =
                records.stream()
                        .filter(r -> tokenCounter.applyAsInt(r.text()) > maxSeqLength)
                        .count();
        return new PrepareReport.OverMaxLength(maxSeqLength, over, (double) over / records.size());
    }
}
