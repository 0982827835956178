package dev.st4j.train;

import dev.st4j.data.LabelMap;
import dev.st4j.data.PrepareConfig;
import dev.st4j.data.PreparedDataset;
import dev.st4j.data.Record;
import dev.st4j.model.ModelResolver;
import dev.st4j.model.SentenceTransformer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Real fixtures for training tests: a small Amazon sample and the default base model. */
final class TrainingFixtures {

    static final String AMAZON =
            "datasets/amazon-2020-first1999/"
                + "marketing_sample_for_amazon_com-ecommerce__20200101_20200131__10k_data.first1999rows.csv.gz";

    private static PreparedDataset sample;

    private TrainingFixtures() {}

    /** Returns a stratified, seeded sample of 80 labelled Amazon rows, prepared once per JVM. */
    static synchronized PreparedDataset amazonSample() throws IOException {
        if (sample == null) {
            PrepareConfig config =
                    PrepareConfig.builder().input(repoFile(AMAZON)).sample(80).build();
            sample = PreparedDataset.prepareInMemory(config);
        }
        return sample;
    }

    /** Returns the first {@code count} training records of the sample. */
    static List<Record> trainRecords(int count) throws IOException {
        return amazonSample().train().subList(0, count);
    }

    static LabelMap labels() throws IOException {
        return amazonSample().labels();
    }

    /** Loads a fresh copy of the default base model; training changes its weights in place. */
    static SentenceTransformer baseModel() throws IOException {
        return SentenceTransformer.load(ModelResolver.resolve(FineTuneConfig.DEFAULT_BASE_MODEL));
    }

    /** Returns a small, fast config: short sequences, batch 4, no dropout on the head. */
    static FineTuneConfig.Builder tinyConfig() {
        return FineTuneConfig.builder().batchSize(4).maxSeqLength(16).logEvery(1);
    }

    private static Path repoFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("datasets"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "No datasets/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve(relative);
    }
}
