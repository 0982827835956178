package dev.st4j.model.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.st4j.model.EmbeddedModel;
import dev.st4j.model.ModelLoadException;
import dev.st4j.model.PoolingMode;
import dev.st4j.model.TokenBatch;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * ONNX Runtime running an embedded model's ONNX export, with pooling and L2 normalisation done
 * in Java. It is the reference that st4j's own encoder is checked and benchmarked against.
 */
public final class OrtEncoder implements AutoCloseable {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final PoolingMode pooling;

    /**
     * Opens a session on the model's ONNX file with ONNX Runtime's default (full) graph
     * optimisations.
     *
     * @param threads intra-op threads
     */
    public OrtEncoder(EmbeddedModel model, int threads) throws IOException, OrtException {
        byte[] onnx;
        try (InputStream in = OrtEncoder.class.getClassLoader()
                .getResourceAsStream(model.onnxResource())) {
            if (in == null) {
                throw new ModelLoadException("Resource " + model.onnxResource()
                        + " is not on the classpath; add the Maven dependency " + model.artifact());
            }
            onnx = in.readAllBytes();
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(onnx, options);
        }
        this.pooling = model.pooling();
    }

    /** Returns [batch, hidden] pooled, L2-normalised embeddings of a token batch. */
    public float[][] embed(TokenBatch batch) throws OrtException {
        try (OnnxTensor ids = OnnxTensor.createTensor(environment, batch.inputIds());
                OnnxTensor mask = OnnxTensor.createTensor(environment, batch.attentionMask());
                OnnxTensor types = OnnxTensor.createTensor(environment, batch.tokenTypeIds());
                OrtSession.Result result = session.run(Map.of("input_ids", ids,
                        "attention_mask", mask, "token_type_ids", types))) {
            // [batch, seq, hidden] last_hidden_state
            float[][][] hidden = (float[][][]) result.get(0).getValue();
            float[][] out = new float[hidden.length][];
            for (int b = 0; b < hidden.length; b++) {
                out[b] = normalize(pool(hidden[b], batch.attentionMask()[b]));
            }
            return out;
        }
    }

    private float[] pool(float[][] tokens, long[] mask) {
        int dim = tokens[0].length;
        if (pooling == PoolingMode.CLS) {
            return tokens[0].clone();
        }
        float[] out = new float[dim];
        if (pooling == PoolingMode.MAX) {
            java.util.Arrays.fill(out, Float.NEGATIVE_INFINITY);
        }
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            count++;
            for (int d = 0; d < dim; d++) {
                out[d] = pooling == PoolingMode.MAX ? Math.max(out[d], tokens[t][d])
                        : out[d] + tokens[t][d];
            }
        }
        if (pooling == PoolingMode.MEAN) {
            for (int d = 0; d < dim; d++) {
                out[d] /= Math.max(count, 1);
            }
        }
        return out;
    }

    private static float[] normalize(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[i] * scale;
        }
        return out;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
