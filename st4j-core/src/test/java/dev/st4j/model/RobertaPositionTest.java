package dev.st4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RoBERTa counts positions from pad_token_id + 1. A RoBERTa model must therefore equal a BERT
 * model with the same weights whose position table starts at that row, for padded batches too.
 */
class RobertaPositionTest {

    @Test
    void robertaMatchesBertWithShiftedPositionTable(@TempDir Path dir) throws IOException {
        EncoderConfig roberta = TinyModels.config(Architecture.ROBERTA);
        Map<String, Safetensors.Tensor> weights = TinyModels.randomWeights(roberta, 5);
        Path robertaDir = Files.createDirectories(dir.resolve("roberta"));
        ModelWriter.write(robertaDir, new ModelWriter.Contents(roberta, PoolingMode.MEAN, false,
                false, 64, weights, TinyModels.tokenizerFiles(), null, Map.of()));

        int offset = roberta.padTokenId() + 1;
        EncoderConfig bert = new EncoderConfig(Architecture.BERT, roberta.vocabSize(),
                roberta.hiddenSize(), roberta.numHiddenLayers(), roberta.numAttentionHeads(),
                roberta.intermediateSize(), roberta.hiddenAct(), 0.1, 0.1,
                roberta.maxPositionEmbeddings() - offset, 1, roberta.layerNormEps(),
                roberta.padTokenId(), null);
        Map<String, Safetensors.Tensor> shifted = new LinkedHashMap<>(weights);
        Safetensors.Tensor positions = weights.get(ParameterLayout.POSITION_EMBEDDINGS);
        float[] all = positions.toFloatArray();
        int hidden = roberta.hiddenSize();
        shifted.put(ParameterLayout.POSITION_EMBEDDINGS, Safetensors.Tensor.of(
                new long[] {bert.maxPositionEmbeddings(), hidden},
                Arrays.copyOfRange(all, offset * hidden, all.length)));
        Path bertDir = Files.createDirectories(dir.resolve("bert"));
        ModelWriter.write(bertDir, new ModelWriter.Contents(bert, PoolingMode.MEAN, false, false,
                64, shifted, TinyModels.tokenizerFiles(), null, Map.of()));

        List<String> texts = List.of("a short one", "a much longer product text about toys and games");
        try (SentenceTransformer a = SentenceTransformer.load(robertaDir);
                SentenceTransformer b = SentenceTransformer.load(bertDir)) {
            assertEquals(64, a.maxSequenceLimit());
            float[][] x = a.encode(texts, EncodeOptions.defaults()).embeddings();
            float[][] y = b.encode(texts, EncodeOptions.defaults()).embeddings();
            for (int i = 0; i < texts.size(); i++) {
                for (int d = 0; d < hidden; d++) {
                    assertEquals(y[i][d], x[i][d], 1e-6, "text " + i + " dim " + d);
                }
            }
        }
    }
}
