package dev.st4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.st4j.train.FineTuneConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExperimentConfigTest {

    private static final ExperimentConfig DEFAULTS =
            ExperimentConfig.defaults(Path.of("products.csv"), Path.of("out"));

    @Test
    void quickPresetSetsSampleEpochAndRates() {
        ExperimentConfig quick = DEFAULTS.quick();

        assertEquals(ExperimentConfig.QUICK_SAMPLE, quick.prepare().sample());
        assertEquals(1, quick.training().epochs());
        assertEquals(ExperimentConfig.QUICK_BATCH_SIZE, quick.training().batchSize());
        assertEquals(ExperimentConfig.QUICK_HEAD_LEARNING_RATE,
                quick.training().headLearningRate());
        assertEquals(FineTuneConfig.DEFAULT_LEARNING_RATE, quick.training().learningRate());
    }

    @Test
    void quickPresetKeepsGivenSampleAndHeadRate() {
        ExperimentConfig given = new ExperimentConfig(DEFAULTS.output(),
                DEFAULTS.prepare().toBuilder().sample(120).build(), DEFAULTS.models(), true,
                false, DEFAULTS.training().toBuilder().headLearningRate(5e-4).build(),
                DEFAULTS.maxSeqLength(), DEFAULTS.encodeBatchSize(), DEFAULTS.xgboost(), false);

        ExperimentConfig quick = given.quick();

        assertEquals(120, quick.prepare().sample());
        assertEquals(5e-4, quick.training().headLearningRate());
    }
}
