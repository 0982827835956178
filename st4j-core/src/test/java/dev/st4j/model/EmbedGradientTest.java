package dev.st4j.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The differentiable path that fine-tuning drives. */
class EmbedGradientTest {

    @Test
    void embedPropagatesFiniteGradientsToEveryParameter() {
        try (SentenceTransformer model =
                SentenceTransformer.load(TestModels.folder(EmbeddedModel.ALL_MINILM_L6_V2))) {
            for (NDArray parameter : model.parameters().values()) {
                parameter.setRequiresGradient(true);
            }
            TokenBatch batch = model.tokenize(List.of("wooden puzzle for kids", "USB cable"), 0);
            try (NDManager scope = model.manager().newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray embeddings = model.embed(scope, batch, true);
                NDArray loss = embeddings.get(":, 0").sum().add(embeddings.get(":, 1").sum());
                // A garbage collection between forward and backward frees any scalar temporaries
                // that the graph still needs, which turns gradients into NaN.
                System.gc();
                collector.backward(loss);
            }
            for (Map.Entry<String, NDArray> parameter : model.parameters().entrySet()) {
                float[] gradient = parameter.getValue().getGradient().toFloatArray();
                double magnitude = 0;
                for (float g : gradient) {
                    assertTrue(Float.isFinite(g), parameter.getKey() + " has a non-finite gradient");
                    magnitude += Math.abs(g);
                }
                assertTrue(magnitude > 0, parameter.getKey() + " has an all-zero gradient");
            }
        }
    }
}
