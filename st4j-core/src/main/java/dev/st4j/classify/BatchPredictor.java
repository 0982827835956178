package dev.st4j.classify;

import dev.st4j.data.Record;
import dev.st4j.io.AtomicFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies new records with a trained classifier: embeds their texts in chunks, assembles the
 * features and keeps the most probable label of every record, in input order.
 */
public final class BatchPredictor {

    /**
     * Records embedded and classified per chunk, which bounds the memory of a large input (8192
     * embeddings of width 384 take 12 MiB). The encoder's progress bar restarts with each chunk.
     */
    public static final int CHUNK_ROWS = 8192;

    private static final Logger LOG = LoggerFactory.getLogger(BatchPredictor.class);

    /** Sentence embeddings of texts, {@code [texts, embeddingDim]}, in input order. */
    @FunctionalInterface
    public interface Embedder {
        float[][] embed(List<String> texts) throws IOException;
    }

    /** The predicted label of one record and its probability. */
    public record Prediction(String id, int labelId, String label, float probability) {}

    /**
     * Predictions of every input record, in input order.
     *
     * @param unseenLevels categorical column to the number of values not seen in training, which
     *     were treated as missing
     */
    public record Result(List<Prediction> predictions, Map<String, Integer> unseenLevels) {}

    private BatchPredictor() {}

    /** Predicts the label of every record in {@code records}. */
    public static Result predict(XgbClassifier classifier, List<Record> records, Embedder embedder)
            throws IOException {
        List<Prediction> predictions = new ArrayList<>(records.size());
        Map<String, Integer> unseen = new LinkedHashMap<>();
        for (int start = 0; start < records.size(); start += CHUNK_ROWS) {
            List<Record> chunk = records.subList(start, Math.min(records.size(), start + CHUNK_ROWS));
            float[][] embeddings = embedder.embed(chunk.stream().map(Record::text).toList());
            FeatureMatrix features = classifier.schema().assemble(chunk, embeddings);
            features.unseenLevels().forEach((column, count) -> unseen.merge(column, count, Integer::sum));
            float[][] probabilities = classifier.predictProba(features.values());
            int[] best = XgbClassifier.argmax(probabilities);
            for (int r = 0; r < chunk.size(); r++) {
                predictions.add(new Prediction(chunk.get(r).id(), best[r],
                        classifier.labels().nameOf(best[r]), probabilities[r][best[r]]));
            }
            LOG.debug("Classified {} of {} records", predictions.size(), records.size());
        }
        if (!unseen.isEmpty()) {
            LOG.warn("Categorical values not seen in training were treated as missing: {}", unseen);
        }
        LOG.info("Classified {} records", predictions.size());
        return new Result(predictions, unseen);
    }

    /**
     * Writes {@code predictions} as CSV with the columns {@code idHeader},
     * {@code predicted_label} and {@code probability}, one line per prediction.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code output} exists and
     *     {@code overwrite} is false
     */
    public static void writeCsv(Path output, String idHeader, List<Prediction> predictions,
            boolean overwrite) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader(idHeader, "predicted_label", "probability")
                .build();
        AtomicFiles.writeFile(output, overwrite, temporary -> {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                    CSVPrinter printer = new CSVPrinter(writer, format)) {
                for (Prediction prediction : predictions) {
                    printer.printRecord(prediction.id(), prediction.label(),
                            Float.toString(prediction.probability()));
                }
            }
        });
    }
}
