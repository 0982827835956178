package dev.st4j.train;

import dev.st4j.data.LabelMap;
import dev.st4j.data.Record;
import dev.st4j.io.Hashing;
import dev.st4j.io.Manifest;
import dev.st4j.model.SentenceTransformer;
import dev.st4j.model.TokenBatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Values a run derives from its config, model and records before the first step: the validation
 * split, label ids, token lengths, batch plan, schedule and loss.
 *
 * @param trainLabelIds label id of each record of {@code train}
 * @param maxSeqLength the resolved truncation length
 * @param truncatedRecords training records longer than {@code maxSeqLength} tokens
 * @param dataSha256 SHA-256 over every record's id, label and text, in the order passed in
 */
record RunSetup(
        FineTuneConfig config,
        List<Record> train,
        List<Record> validation,
        int[] trainLabelIds,
        int maxSeqLength,
        int truncatedRecords,
        BatchPlanner planner,
        int stepsPerEpoch,
        int totalSteps,
        int warmupSteps,
        LinearSchedule schedule,
        CrossEntropyLoss loss,
        String dataSha256) {

    /** Manifest kind of a fine-tuning run's output folder. */
    static final String MANIFEST_KIND = "fine-tuned-model";

    private static final Logger LOG = LoggerFactory.getLogger(RunSetup.class);
    private static final int TOKENIZE_CHUNK = 64;

    static RunSetup create(
            FineTuneConfig config,
            SentenceTransformer model,
            List<Record> records,
            LabelMap labels) {
        int maxSeqLength = resolveMaxSeqLength(config.maxSeqLength(), model.maxSeqLength());
        for (Record record : records) {
            if (labels.idOfOrMissing(record.label()) < 0) {
                throw new IllegalArgumentException(
                        "Record at row "
                                + record.row()
                                + " (id "
                                + record.id()
                                + ") has label '"
                                + record.label()
                                + "', which is not in the label map "
                                + labels.names()
                                + "; prepare the dataset again");
            }
        }
        ValidationSplit split =
                ValidationSplit.of(records, config.validationFraction(), config.seed());
        List<Record> train = split.train();
        int[] labelIds = train.stream().mapToInt(r -> labels.idOf(r.label())).toArray();
        int[] lengths = new int[train.size()];
        int truncated = 0;
        for (int start = 0; start < train.size(); start += TOKENIZE_CHUNK) {
            List<String> texts =
                    train.subList(start, Math.min(train.size(), start + TOKENIZE_CHUNK)).stream()
                            .map(Record::text)
                            .toList();
            TokenBatch tokens = model.tokenize(texts, maxSeqLength);
            truncated += tokens.truncatedCount();
            for (int row = 0; row < texts.size(); row++) {
                int length = 0;
                for (long mask : tokens.attentionMask()[row]) {
                    length += (int) mask;
                }
                lengths[start + row] = length;
            }
        }
        BatchPlanner planner =
                new BatchPlanner(
                        config.batchSize(), config.seed(), config.groupByLength() ? lengths : null);
        int stepsPerEpoch = planner.batchesPerEpoch(train.size());
        int totalSteps = stepsPerEpoch * config.epochs();
        int warmupSteps = config.warmupSteps(totalSteps);
        LinearSchedule schedule =
                new LinearSchedule(config.learningRate(), warmupSteps, totalSteps);
        double[] weights =
                config.classWeights()
                        ? CrossEntropyLoss.inverseFrequencyWeights(labelIds, labels.size())
                        : null;
        CrossEntropyLoss loss =
                new CrossEntropyLoss(labels.size(), config.labelSmoothing(), weights);
        RunSetup setup =
                new RunSetup(
                        config,
                        train,
                        split.validation(),
                        labelIds,
                        maxSeqLength,
                        truncated,
                        planner,
                        stepsPerEpoch,
                        totalSteps,
                        warmupSteps,
                        schedule,
                        loss,
                        fingerprint(records));
        setup.logSummary(labels);
        return setup;
    }

    private static int resolveMaxSeqLength(int requested, int modelMax) {
        if (requested == 0) {
            return modelMax;
        }
        if (requested > modelMax) {
            LOG.warn(
                    "maxSeqLength {} exceeds the model's maximum {}; using {}",
                    requested,
                    modelMax,
                    modelMax);
            return modelMax;
        }
        return requested;
    }

    private static String fingerprint(List<Record> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Record record : records) {
            String line =
                    record.id() + '\u001f' + record.label() + '\u001f' + record.text() + '\u001e';
            bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
        return Hashing.sha256(bytes.toByteArray());
    }

    private void logSummary(LabelMap labels) {
        LOG.info(
                String.format(
                        Locale.ROOT,
                        "Fine-tuning %s on %d records (%d held out for validation), %d labels: %d"
                            + " epochs x %d steps = %d steps, batch %d, lr %.3g, warm-up %d steps",
                        config.baseModel(),
                        train.size(),
                        validation.size(),
                        labels.size(),
                        config.epochs(),
                        stepsPerEpoch,
                        totalSteps,
                        config.batchSize(),
                        config.learningRate(),
                        warmupSteps));
        LOG.info(
                "{} of {} training texts are longer than {} tokens and are truncated",
                truncatedRecords,
                train.size(),
                maxSeqLength);
        List<String> unseen = new ArrayList<>();
        int[] counts = new int[labels.size()];
        for (int id : trainLabelIds) {
            counts[id]++;
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                unseen.add(labels.nameOf(c));
            }
        }
        if (!unseen.isEmpty()) {
            LOG.warn(
                    "{} labels have no training records, so the head never learns them: {}",
                    unseen.size(),
                    unseen);
        }
        if (config.includeTestRows()) {
            LOG.warn(
                    "Training on the test rows too (--include-test-rows): scores on the test split"
                            + " will be optimistic; the manifest records this run as leaky");
        }
    }

    /**
     * Returns the provenance of the run's output: every setting with the derived ones, the SHA-256
     * of the training records and of the base model's weights.
     */
    Manifest manifest(String baseModelSha256) {
        Map<String, Object> settings = new LinkedHashMap<>(config.allSettings());
        settings.put("resolvedMaxSeqLength", maxSeqLength);
        settings.put("totalSteps", totalSteps);
        settings.put("warmupSteps", warmupSteps);
        settings.put("trainRecords", train.size());
        settings.put("validationRecords", validation.size());
        settings.put("leaky", config.includeTestRows());
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("data", dataSha256);
        inputs.put("baseModel", config.baseModel());
        inputs.put("baseModelWeights", baseModelSha256);
        return Manifest.of(MANIFEST_KIND, settings, inputs);
    }

    List<String> texts(int[] batch) {
        List<String> texts = new ArrayList<>(batch.length);
        for (int i : batch) {
            texts.add(train.get(i).text());
        }
        return texts;
    }

    int[] labelIds(int[] batch) {
        int[] ids = new int[batch.length];
        for (int k = 0; k < batch.length; k++) {
            ids[k] = trainLabelIds[batch[k]];
        }
        return ids;
    }

    TrainingPlan plan(Path output, int firstEpoch, int completedSteps) {
        return new TrainingPlan(
                config,
                train.size(),
                validation.size(),
                stepsPerEpoch,
                totalSteps,
                warmupSteps,
                firstEpoch,
                completedSteps,
                maxSeqLength,
                truncatedRecords,
                output);
    }
}
