package dev.st4j.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** ONNX Runtime on an embedded model's ONNX file, pooled and normalised the way st4j does. */
final class OrtReference implements AutoCloseable {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    OrtReference(EmbeddedModel model) throws IOException, OrtException {
        byte[] onnx;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(model.onnxResource())) {
            onnx = in.readAllBytes();
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(2);
            session = environment.createSession(onnx, options);
        }
    }

    /** [batch, hidden] pooled and L2-normalised embeddings of a token batch. */
    float[][] embed(TokenBatch batch, PoolingMode pooling) throws OrtException {
        try (OnnxTensor ids = OnnxTensor.createTensor(environment, batch.inputIds());
                OnnxTensor mask = OnnxTensor.createTensor(environment, batch.attentionMask());
                OnnxTensor types = OnnxTensor.createTensor(environment, batch.tokenTypeIds());
                OrtSession.Result result = session.run(Map.of("input_ids", ids,
                        "attention_mask", mask, "token_type_ids", types))) {
            float[][][] hidden = (float[][][]) result.get(0).getValue();
            float[][] out = new float[hidden.length][];
            for (int b = 0; b < hidden.length; b++) {
                out[b] = normalize(pool(hidden[b], batch.attentionMask()[b], pooling));
            }
            return out;
        }
    }

    private static float[] pool(float[][] tokens, long[] mask, PoolingMode pooling) {
        int dim = tokens[0].length;
        if (pooling == PoolingMode.CLS) {
            return tokens[0].clone();
        }
        double[] sum = new double[dim];
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            count++;
            for (int d = 0; d < dim; d++) {
                sum[d] += tokens[t][d];
            }
        }
        float[] mean = new float[dim];
        for (int d = 0; d < dim; d++) {
            mean[d] = (float) (sum[d] / count);
        }
        return mean;
    }

    static float[] normalize(float[] vector) {
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
