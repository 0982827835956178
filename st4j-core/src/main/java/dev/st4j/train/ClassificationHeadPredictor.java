package dev.st4j.train;

import dev.st4j.data.LabelMap;
import dev.st4j.eval.Softmax;
import dev.st4j.model.SentenceTransformer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Predicts classes with a fine-tuned encoder and its classification head: the softmax of the head's
 * logits and their argmax. Texts are truncated to the length the head was trained with.
 */
public final class ClassificationHeadPredictor implements AutoCloseable {

    /** Batch size of prediction; large enough to amortise per-call overhead, small in memory. */
    public static final int BATCH_SIZE = 32;

    /**
     * Predictions for a list of texts, in input order.
     *
     * @param labelIds the argmax class of each text
     * @param probabilities {@code [texts][classes]} softmax probabilities
     */
    public record Predictions(int[] labelIds, float[][] probabilities, LabelMap labels) {

        /** Returns the predicted label name of text {@code i}. */
        public String labelOf(int i) {
            return labels.nameOf(labelIds[i]);
        }
    }

    private final SentenceTransformer model;
    private final ClassificationHead head;
    private final LabelMap labels;
    private final boolean ownsModel;

    private ClassificationHeadPredictor(
            SentenceTransformer model,
            ClassificationHead head,
            LabelMap labels,
            boolean ownsModel) {
        this.model = model;
        this.head = head;
        this.labels = labels;
        this.ownsModel = ownsModel;
    }

    /** Loads {@code RUN/model} and {@code RUN/head} of a fine-tuning run's output folder. */
    public static ClassificationHeadPredictor load(Path runOutput) throws IOException {
        return load(runOutput.resolve(RunOutput.MODEL), runOutput.resolve(RunOutput.HEAD));
    }

    /** Loads an encoder folder and a head folder saved by a fine-tuning run. */
    public static ClassificationHeadPredictor load(Path modelFolder, Path headFolder)
            throws IOException {
        if (!Files.isDirectory(headFolder)) {
            throw new NoSuchFileException(
                    headFolder.toString(),
                    null,
                    "is not a head folder; pass the output folder of 'st4j finetune'");
        }
        SentenceTransformer model = SentenceTransformer.load(modelFolder);
        try {
            return fromModel(model, headFolder, true);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Wraps an already loaded encoder and a saved head; closing the predictor closes the head but
     * leaves the model to its owner.
     */
    public static ClassificationHeadPredictor withModel(SentenceTransformer model, Path headFolder)
            throws IOException {
        return fromModel(model, headFolder, false);
    }

    private static ClassificationHeadPredictor fromModel(
            SentenceTransformer model, Path headFolder, boolean ownsModel) throws IOException {
        LabelMap labels = LabelMap.load(headFolder.resolve(LabelMap.FILE_NAME));
        ClassificationHead head = ClassificationHead.load(model.manager(), headFolder);
        if (head.config().dimension() != model.dimension()
                || head.config().classes() != labels.size()) {
            head.close();
            throw new IOException(
                    "Head in "
                            + headFolder
                            + " reads "
                            + head.config().dimension()
                            + "-d embeddings into "
                            + head.config().classes()
                            + " classes, but the model has "
                            + model.dimension()
                            + " dimensions and labels.json has "
                            + labels.size()
                            + " labels; pair the head with the model it was trained with");
        }
        return new ClassificationHeadPredictor(model, head, labels, ownsModel);
    }

    public LabelMap labels() {
        return labels;
    }

    /** Returns the truncation length used for prediction (the training length). */
    public int maxSeqLength() {
        int trained = head.config().maxSeqLength();
        return trained > 0 ? Math.min(trained, model.maxSeqLength()) : model.maxSeqLength();
    }

    /** Predicts the class and class probabilities of every text. */
    public Predictions predict(List<String> texts) {
        float[][] logits = HeadInference.logits(model, head, texts, maxSeqLength(), BATCH_SIZE);
        int[] ids = new int[texts.size()];
        float[][] probabilities = new float[texts.size()][];
        for (int i = 0; i < logits.length; i++) {
            ids[i] = HeadInference.argmax(logits[i]);
            probabilities[i] = Softmax.apply(logits[i]);
        }
        return new Predictions(ids, probabilities, labels);
    }

    @Override
    public void close() {
        head.close();
        if (ownsModel) {
            model.close();
        }
    }
}
