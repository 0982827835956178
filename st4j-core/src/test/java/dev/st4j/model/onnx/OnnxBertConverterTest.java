package dev.st4j.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.st4j.model.EmbeddedModel;
import dev.st4j.model.ModelLoadException;
import dev.st4j.model.ModelWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OnnxBertConverterTest {

    @Test
    void miniLmSettingsComeFromTheGraph() throws Exception {
        ModelWriter.Contents contents = OnnxModelImporter.importEmbedded(EmbeddedModel.ALL_MINILM_L6_V2);
        assertEquals(12, contents.config().numAttentionHeads());
        assertEquals(6, contents.config().numHiddenLayers());
        assertEquals(1e-12, contents.config().layerNormEps());
        assertEquals("gelu", contents.config().hiddenAct());
        assertEquals(1536, contents.config().intermediateSize());
        assertEquals(101, contents.tensors().size(), "5 embedding tensors and 16 per layer");
        long[] query = contents.tensors().get("encoder.layer.0.attention.self.query.weight").shape();
        assertEquals(384, query[0]);
        assertTrue(new String(contents.tokenizerFiles().get("tokenizer.json"), StandardCharsets.UTF_8)
                .contains("\"padding\":null"), "pinned padding is removed");
    }

    @Test
    void graphWithoutBertInputsIsRejected() {
        // A ModelProto whose graph (field 7) has one input named "pixels".
        byte[] name = "pixels".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream valueInfo = new ByteArrayOutputStream();
        valueInfo.write(0x0a);
        valueInfo.write(name.length);
        valueInfo.writeBytes(name);
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        graph.write((11 << 3) | 2);
        graph.write(valueInfo.size());
        graph.writeBytes(valueInfo.toByteArray());
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        model.write((7 << 3) | 2);
        model.write(graph.size());
        model.writeBytes(graph.toByteArray());

        OnnxGraph parsed = OnnxGraph.parse(ByteBuffer.wrap(model.toByteArray()));
        assertEquals(java.util.List.of("pixels"), parsed.inputs());
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> OnnxBertConverter.convert(parsed, "vision.onnx", 0));
        assertTrue(e.getMessage().contains("vision.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("input_ids"), e.getMessage());
    }
}
