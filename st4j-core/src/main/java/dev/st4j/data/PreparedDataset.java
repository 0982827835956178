package dev.st4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.st4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A prepared dataset: records with text, label and tabular features, their label map and the fixed
 * train/test split, as written by {@link DatasetPreparer}.
 *
 * <p>A prepared folder contains {@code records.jsonl}, {@code split.json}, {@code labels.json},
 * {@code schema.json}, {@code report.json} and {@code st4j-manifest.json}; {@link PreparedFiles}
 * describes the first two. {@link #load} checks them against each other and against the checksum in
 * the report, so a hand-edited or truncated folder is rejected.
 */
public final class PreparedDataset {

    private final Path directory;
    private final PreparedSchema schema;
    private final LabelMap labels;
    private final List<Record> all;
    private final List<Record> train;
    private final List<Record> test;
    private final String sha256;
    private final PrepareReport report;

    private PreparedDataset(
            Path directory,
            PreparedSchema schema,
            LabelMap labels,
            List<Record> all,
            Set<String> testIds,
            String sha256,
            PrepareReport report) {
        this.directory = directory;
        this.schema = schema;
        this.labels = labels;
        this.all = List.copyOf(all);
        this.train = all.stream().filter(r -> !testIds.contains(r.id())).toList();
        this.test = all.stream().filter(r -> testIds.contains(r.id())).toList();
        this.sha256 = sha256;
        this.report = report;
    }

    /** Reads and checks a folder written by {@code st4j prepare}. */
    public static PreparedDataset load(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(
                    dir.toString(),
                    null,
                    "prepared dataset folder not"
                            + " found; run 'st4j prepare --input FILE.csv --output "
                            + dir
                            + "' first");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " is not a prepared dataset folder");
        }
        for (String name :
                List.of(
                        PreparedFiles.RECORDS,
                        PreparedFiles.SPLIT,
                        LabelMap.FILE_NAME,
                        PreparedFiles.SCHEMA,
                        PreparedFiles.REPORT)) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new NoSuchFileException(
                        dir.resolve(name).toString(),
                        null,
                        "missing, so "
                                + dir
                                + " is not a complete prepared dataset; re-run 'st4j prepare'");
            }
        }

        PreparedSchema schema = Json.read(dir.resolve(PreparedFiles.SCHEMA), PreparedSchema.class);
        LabelMap labels = LabelMap.load(dir.resolve(LabelMap.FILE_NAME));
        PrepareReport report = Json.read(dir.resolve(PreparedFiles.REPORT), PrepareReport.class);
        PreparedFiles.ReadRecords read =
                PreparedFiles.readRecords(dir.resolve(PreparedFiles.RECORDS), schema, labels);
        List<Record> records = read.records();
        checkIdsAndLabels(dir, records, labels);

        byte[] splitBytes = Files.readAllBytes(dir.resolve(PreparedFiles.SPLIT));
        Set<String> testIds = readSplit(dir.resolve(PreparedFiles.SPLIT), splitBytes, records);

        MessageDigest digest = read.digest();
        digest.update(splitBytes);
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (!sha256.equals(report.datasetSha256())) {
            throw new IOException(
                    dir
                            + ": the records and split have SHA-256 "
                            + sha256
                            + ", but "
                            + PreparedFiles.REPORT
                            + " records "
                            + report.datasetSha256()
                            + ", so "
                            + PreparedFiles.RECORDS
                            + " or "
                            + PreparedFiles.SPLIT
                            + " changed after"
                            + " preparation; re-run 'st4j prepare' instead of editing them");
        }
        return new PreparedDataset(dir, schema, labels, records, testIds, sha256, report);
    }

    /** Prepares {@code config.input()} without writing a folder; {@link #directory()} is null. */
    public static PreparedDataset prepareInMemory(PrepareConfig config) throws IOException {
        return prepareInMemory(config, new DatasetPreparer());
    }

    /**
     * Prepares {@code config.input()} with {@code preparer}, such as one that counts tokens,
     * without writing a folder; {@link #directory()} is null.
     */
    public static PreparedDataset prepareInMemory(PrepareConfig config, DatasetPreparer preparer)
            throws IOException {
        DatasetPreparer.Prepared prepared = preparer.prepareInMemory(config);
        return new PreparedDataset(
                null,
                prepared.schema(),
                prepared.labels(),
                prepared.records(),
                new HashSet<>(prepared.testIds()),
                prepared.report().datasetSha256(),
                prepared.report());
    }

    public PreparedSchema schema() {
        return schema;
    }

    public LabelMap labels() {
        return labels;
    }

    /** Returns every record, in input order. */
    public List<Record> all() {
        return all;
    }

    /** Returns the training records, in input order. */
    public List<Record> train() {
        return train;
    }

    /** Returns the held-out test records, in input order. */
    public List<Record> test() {
        return test;
    }

    /** Returns the folder the dataset was loaded from, or null for an in-memory preparation. */
    public Path directory() {
        return directory;
    }

    /** Returns the SHA-256 of {@code records.jsonl} followed by {@code split.json}. */
    public String sha256() {
        return sha256;
    }

    public PrepareReport report() {
        return report;
    }

    private static void checkIdsAndLabels(Path dir, List<Record> records, LabelMap labels)
            throws IOException {
        Map<String, Integer> lineOfId = new HashMap<>();
        Set<String> used = new TreeSet<>();
        for (int i = 0; i < records.size(); i++) {
            Integer earlier = lineOfId.putIfAbsent(records.get(i).id(), i + 1);
            if (earlier != null) {
                throw new IOException(
                        dir.resolve(PreparedFiles.RECORDS)
                                + ", line "
                                + (i + 1)
                                + ": id '"
                                + records.get(i).id()
                                + "' already appears on line "
                                + earlier
                                + "; re-run 'st4j prepare'");
            }
            used.add(records.get(i).label());
        }
        Set<String> unused = new TreeSet<>(labels.names());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw new IOException(
                    dir.resolve(LabelMap.FILE_NAME)
                            + " lists labels "
                            + unused
                            + " that no record has; re-run 'st4j prepare'");
        }
    }

    /** Reads the split and checks that it puts every record on exactly one side. */
    private static Set<String> readSplit(Path file, byte[] bytes, List<Record> records)
            throws IOException {
        JsonNode root = Json.MAPPER.readTree(bytes);
        Set<String> known = new HashSet<>();
        records.forEach(r -> known.add(r.id()));
        Set<String> train = ids(file, root, "train", known);
        Set<String> test = ids(file, root, "test", known);
        for (String id : test) {
            if (train.contains(id)) {
                throw new IOException(
                        file
                                + ": id '"
                                + id
                                + "' is in both train and test;"
                                + " re-run 'st4j prepare'");
            }
        }
        if (train.size() + test.size() != known.size()) {
            List<String> missing = new ArrayList<>(known);
            missing.removeAll(train);
            missing.removeAll(test);
            throw new IOException(
                    file
                            + ": "
                            + missing.size()
                            + " records are in neither train"
                            + " nor test, such as '"
                            + missing.get(0)
                            + "'; re-run 'st4j prepare'");
        }
        return test;
    }

    private static Set<String> ids(Path file, JsonNode root, String side, Set<String> known)
            throws IOException {
        JsonNode array = root == null ? null : root.get(side);
        if (array == null || !array.isArray()) {
            throw new IOException(
                    file
                            + " has no \""
                            + side
                            + "\" array of record ids;"
                            + " re-run 'st4j prepare'");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode id : array) {
            if (!id.isTextual() || !known.contains(id.asText())) {
                throw new IOException(
                        file
                                + ": \""
                                + side
                                + "\" lists "
                                + id
                                + ", which is not"
                                + " a record id in "
                                + PreparedFiles.RECORDS
                                + "; re-run 'st4j prepare'");
            }
            if (!ids.add(id.asText())) {
                throw new IOException(
                        file
                                + ": \""
                                + side
                                + "\" lists "
                                + id
                                + " twice;"
                                + " re-run 'st4j prepare'");
            }
        }
        return ids;
    }
}
