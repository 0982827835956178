package dev.st4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;

import dev.st4j.model.EncodeOptions;
import dev.st4j.model.SentenceTransformer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures training speed: full fine-tuning steps (forward with dropout, cross-entropy, backward,
 * clipping, AdamW) on synthetic texts long enough to fill {@code seqLength} tokens. The model's
 * weights change, so pass a model loaded for the measurement.
 */
public final class TrainingThroughput {

    /**
     * Timings of the measured steps.
     *
     * @param secondsPerStep mean wall time of a timed step
     * @param updateSecondsPerStep the part of it spent in clipping and the AdamW update
     * @param samplesPerSecond {@code batchSize / secondsPerStep}
     */
    public record Measurement(
            int batchSize,
            int seqLength,
            int timedSteps,
            double secondsPerStep,
            double updateSecondsPerStep,
            double samplesPerSecond) {}

    private static final String[] WORDS = {
        "cotton",
        "kids",
        "puzzle",
        "outdoor",
        "wooden",
        "set",
        "pack",
        "battery",
        "includes",
        "durable",
        "colour",
        "size",
        "inches",
        "toy",
        "game",
        "camping",
        "lightweight",
        "gift",
        "stainless",
        "steel",
        "design",
        "easy",
        "use",
        "safe",
        "children",
        "ages",
        "years",
        "up"
    };
    private static final int CLASSES = 10;

    private TrainingThroughput() {}

    /**
     * Runs {@code warmupSteps} untimed and then {@code timedSteps} timed steps at the given batch
     * size and sequence length, with the default AdamW settings and learning rate.
     */
    public static Measurement measure(
            SentenceTransformer model,
            int batchSize,
            int seqLength,
            int warmupSteps,
            int timedSteps,
            long seed) {
        FineTuneConfig config = FineTuneConfig.defaults();
        Random random = new Random(seed);
        Engine.getInstance().setRandomSeed((int) seed);
        ClassificationHead.Config headConfig =
                new ClassificationHead.Config(
                        model.dimension(), CLASSES, config.dropout(), seqLength);
        Map<String, NDArray> parameters = new LinkedHashMap<>(model.parameters());
        try (ClassificationHead head =
                        ClassificationHead.initialise(model.manager(), headConfig, seed);
                AdamW optimizer =
                        new AdamW(
                                model.manager(),
                                config.adamBeta1(),
                                config.adamBeta2(),
                                config.adamEpsilon(),
                                config.weightDecay())) {
            parameters.putAll(head.parameters());
            parameters.values().forEach(p -> p.setRequiresGradient(true));
            TrainingStep step =
                    new TrainingStep(
                            model,
                            head,
                            parameters,
                            new CrossEntropyLoss(CLASSES, 0, null),
                            optimizer,
                            seqLength,
                            config.maxGradNorm());
            step.zeroGradients();
            double seconds = 0;
            double updateSeconds = 0;
            for (int i = 0; i < warmupSteps + timedSteps; i++) {
                List<String> texts = new ArrayList<>(batchSize);
                int[] labels = new int[batchSize];
                for (int row = 0; row < batchSize; row++) {
                    texts.add(text(random, seqLength * 2));
                    labels[row] = random.nextInt(CLASSES);
                }
                long start = System.nanoTime();
                TrainingStep.Outcome outcome =
                        step.run(texts, labels, config.learningRate(), i + 1, 1);
                if (i >= warmupSteps) {
                    seconds += (System.nanoTime() - start) / 1e9;
                    updateSeconds += outcome.updateSeconds();
                }
            }
            double perStep = seconds / timedSteps;
            return new Measurement(
                    batchSize,
                    seqLength,
                    timedSteps,
                    perStep,
                    updateSeconds / timedSteps,
                    batchSize / perStep);
        } finally {
            model.parameters().values().forEach(p -> p.setRequiresGradient(false));
        }
    }

    /**
     * Returns forward-only throughput in samples per second: {@code model.encode} on the same kind
     * of texts, batch size and sequence length as {@link #measure}, after {@code warmupBatches}
     * untimed batches. It is the reference that training throughput is compared with in one
     * process, since a training step costs a forward pass plus about two passes of backward.
     */
    public static double measureInference(
            SentenceTransformer model,
            int batchSize,
            int seqLength,
            int warmupBatches,
            int timedBatches,
            long seed) {
        Random random = new Random(seed);
        EncodeOptions options = new EncodeOptions(batchSize, seqLength, false, false);
        double seconds = 0;
        for (int i = 0; i < warmupBatches + timedBatches; i++) {
            List<String> texts = new ArrayList<>(batchSize);
            for (int row = 0; row < batchSize; row++) {
                texts.add(text(random, seqLength * 2));
            }
            long start = System.nanoTime();
            model.encode(texts, options);
            if (i >= warmupBatches) {
                seconds += (System.nanoTime() - start) / 1e9;
            }
        }
        return (double) batchSize * timedBatches / seconds;
    }

    private static String text(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
