package dev.st4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.st4j.model.onnx.OrtEncoder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** st4j's converted models against ONNX Runtime running the same ONNX exports. */
class EmbeddedModelParityTest {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedModelParityTest.class);

    static final List<String> PRODUCT_TEXTS = List.of(
            "LEGO Classic Medium Creative Brick Box 10696 - 484 pieces",
            "Crème brûlée torch – café-style kitchen butane lighter, naïve-proof safety lock",
            "Kids' Water Gun 💦🔫 Summer pool toy, 3-pack (blue/green/pink) 🌞",
            "儿童益智拼图玩具 100片 木质 – wooden jigsaw puzzle for kids",
            "Fußball Größe 5 – Trainingsball für Jugendliche, wetterfest",
            "USB-C cable 2m, 100W PD fast charging, braided nylon; compatible w/ MacBook Pro & Galaxy S23",
            "");

    @ParameterizedTest
    @EnumSource(EmbeddedModel.class)
    void embeddingsMatchOnnxRuntime(EmbeddedModel embedded) throws Exception {
        SentenceTransformer model = TestModels.shared(embedded);
        float[][] st4j = model.encode(PRODUCT_TEXTS, EncodeOptions.defaults().withBatchSize(4))
                .embeddings();
        TokenBatch batch = model.tokenize(PRODUCT_TEXTS, 0);
        float[][] reference;
        try (OrtEncoder ort = new OrtEncoder(embedded, 2)) {
            reference = ort.embed(batch);
        }
        double maxDiff = 0;
        for (int i = 0; i < PRODUCT_TEXTS.size(); i++) {
            assertEquals(reference[i].length, st4j[i].length, "dimension of text " + i);
            for (int d = 0; d < st4j[i].length; d++) {
                maxDiff = Math.max(maxDiff, Math.abs(st4j[i][d] - reference[i][d]));
            }
        }
        LOG.info("{}: max abs difference to ONNX Runtime {}", embedded.shortName(), maxDiff);
        assertTrue(maxDiff <= 1e-4, embedded.shortName() + " max abs difference " + maxDiff);
    }
}
