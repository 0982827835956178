package dev.st4j.data;

import dev.st4j.io.AtomicFiles;
import dev.st4j.io.Json;
import dev.st4j.io.Manifest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a product CSV into a prepared folder: records with text, label and tabular features, a
 * label map, a fixed stratified train/test split, a report and a manifest.
 *
 * <p>The folder is written through a temporary sibling and renamed into place, so it is either
 * complete or absent. Rows are streamed from the input; only the prepared records stay in memory.
 */
public final class DatasetPreparer {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetPreparer.class);

    private final ToIntFunction<String> tokenCounter;
    private final int maxSeqLength;

    /** Creates a preparer that does not count tokens. */
    public DatasetPreparer() {
        this.tokenCounter = null;
        this.maxSeqLength = 0;
    }

    /**
     * Creates a preparer that also reports {@code texts_over_max_seq_length}: the texts for which
     * {@code tokenCounter} returns more than {@code maxSeqLength}, which a model truncates.
     */
    public DatasetPreparer(ToIntFunction<String> tokenCounter, int maxSeqLength) {
        if (tokenCounter == null || maxSeqLength < 1) {
            throw new IllegalArgumentException(
                    "A token counter and a max sequence length of 1 or"
                            + " more are needed, but got "
                            + tokenCounter
                            + " and "
                            + maxSeqLength);
        }
        this.tokenCounter = tokenCounter;
        this.maxSeqLength = maxSeqLength;
    }

    /** Names of the entries of a prepared-dataset folder, which --overwrite may replace. */
    static final Set<String> OUTPUT_ENTRIES = Set.of(PreparedFiles.RECORDS, PreparedFiles.SPLIT,
            LabelMap.FILE_NAME, PreparedFiles.SCHEMA, PreparedFiles.REPORT, Manifest.FILE_NAME);

    /** Prepares {@code config.input()} into the folder {@code config.output()}. */
    public PrepareReport prepare(PrepareConfig config) throws IOException {
        Path output = config.output();
        if (output == null) {
            throw new IllegalArgumentException("No output folder given; pass --output DIR");
        }
        if (Files.exists(output) && !config.overwrite()) {
            throw new FileAlreadyExistsException(
                    output.toString(), null, "already exists; pass --overwrite to replace it");
        }
        if (Files.exists(output)) {
            AtomicFiles.checkReplaceable(output, OUTPUT_ENTRIES, List.of(config.input()),
                    "a prepared dataset");
        }
        Prepared prepared = prepareInMemory(config);
        AtomicFiles.writeDirectory(
                output, config.overwrite(), folder -> write(prepared, config, folder));
        LOG.info("Wrote the prepared dataset to {}", output);
        return prepared.report();
    }

    /** A prepared dataset before it is written. */
    record Prepared(
            PreparedSchema schema,
            LabelMap labels,
            List<Record> records,
            List<String> trainIds,
            List<String> testIds,
            byte[] split,
            PrepareReport report) {}

    Prepared prepareInMemory(PrepareConfig config) throws IOException {
        long start = System.nanoTime();
        PrepareReportBuilder report = new PrepareReportBuilder(config);
        List<Record> labelled = read(config, report);
        List<Record> records = labelled;
        if (config.sample() > 0) {
            records = Splitter.sample(labelled, config.sample(), config.seed());
            report.sample(config.sample(), labelled, records);
        }
        if (report.rowsRead() == 0) {
            throw new IOException(config.input() + " has no data rows, only a header; a product"
                    + " CSV needs at least one labelled row per category");
        }
        if (records.isEmpty()) {
            throw new IOException(
                    "No labelled rows left in "
                            + config.input()
                            + " (rows read: "
                            + report.rowsRead()
                            + ", skipped: "
                            + report.skippedSummary()
                            + "); check"
                            + " --label-column and --label-level");
        }

        Splitter.Result split =
                config.groupColumn() == null
                        ? Splitter.split(records, config.testSize(), config.seed())
                        : Splitter.splitByGroup(records, config.testSize(), config.seed());
        List<String> trainIds = new ArrayList<>();
        List<String> testIds = new ArrayList<>();
        records.forEach(r -> (split.testIds().contains(r.id()) ? testIds : trainIds).add(r.id()));

        LabelMap labels = LabelMap.fromLabels(records.stream().map(Record::label).toList());
        byte[] splitBytes = PreparedFiles.splitBytes(trainIds, testIds);
        String sha256 = PreparedFiles.sha256(records, config.schema(), splitBytes);
        PrepareReport done =
                report.finish(records, labels, split, tokenCounter, maxSeqLength, sha256);
        LOG.info(
                "Prepared {} in {} ms: {} rows read, {} kept ({} train, {} test), skipped {}",
                config.input(),
                (System.nanoTime() - start) / 1_000_000,
                done.rowsRead(),
                done.rowsKept(),
                done.trainRows(),
                done.testRows(),
                report.skippedSummary());
        return new Prepared(config.schema(), labels, records, trainIds, testIds, splitBytes, done);
    }

    private static List<Record> read(PrepareConfig config, PrepareReportBuilder report)
            throws IOException {
        List<Record> records = new ArrayList<>();
        try (CsvTable table =
                CsvTable.open(config.input(), config.header() ? null : config.columns())) {
            RecordExtractor extractor = new RecordExtractor(config, table);
            for (CsvTable.Row row = table.next(); row != null; row = table.next()) {
                report.rowRead();
                DataFileException problem = row.problem();
                Record record = null;
                if (problem == null) {
                    RecordExtractor.Extracted extracted = extractor.extract(row);
                    record = extracted.record();
                    problem = extracted.skip();
                }
                if (problem != null) {
                    boolean fatal =
                            problem.reason() == null
                                    || (problem.reason().isErrorUnlessLenient()
                                            && !config.lenient());
                    if (fatal) {
                        throw problem;
                    }
                    LOG.debug("Skipping a row: {}", problem.getMessage());
                    report.skip(problem);
                    continue;
                }
                records.add(record);
            }
            report.input(table, extractor);
        }
        return records;
    }

    private static void write(Prepared prepared, PrepareConfig config, Path folder)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(folder.resolve(PreparedFiles.RECORDS))) {
            PreparedFiles.writeRecords(prepared.records(), prepared.schema(), out);
        }
        Files.write(folder.resolve(PreparedFiles.SPLIT), prepared.split());
        prepared.labels().save(folder.resolve(LabelMap.FILE_NAME), false);
        Json.write(folder.resolve(PreparedFiles.SCHEMA), prepared.schema(), false);
        Json.write(folder.resolve(PreparedFiles.REPORT), prepared.report(), false);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("input", prepared.report().inputSha256());
        inputs.put("input_content", prepared.report().contentSha256());
        Manifest.of("prepared-dataset", config.toSettings(), inputs).writeTo(folder);
    }
}
