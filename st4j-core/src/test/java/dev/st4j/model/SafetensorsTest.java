package dev.st4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.st4j.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir Path dir;

    @Test
    void writerEmitsWhatPythonLoadersExpect() throws IOException {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.bias", Safetensors.Tensor.of(new long[] {3}, new float[] {1, 2, 3}));
        tensors.put("a.weight", Safetensors.Tensor.of(new long[] {2, 2}, new float[] {4, 5, 6, 7}));
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, tensors);

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "data starts 8-byte aligned");
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.endsWith(" ") || header.endsWith("}"), header);
        JsonNode json = Json.MAPPER.readTree(header.strip());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("__metadata__", "a.weight", "z.bias"), keys);
        assertEquals("pt", json.path("__metadata__").path("format").asText());
        assertEquals("[0,16]", json.path("a.weight").path("data_offsets").toString());
        assertEquals("[16,28]", json.path("z.bias").path("data_offsets").toString());
        assertEquals(8 + headerLength + 28, bytes.length);

        Map<String, Safetensors.Tensor> read = Safetensors.read(file);
        assertArrayEquals(new float[] {4, 5, 6, 7}, read.get("a.weight").toFloatArray());
        assertArrayEquals(new long[] {2, 2}, read.get("a.weight").shape());
        assertArrayEquals(new float[] {1, 2, 3}, read.get("z.bias").toFloatArray());
    }

    @Test
    void halfPrecisionIsWidenedAndIntegersSkipped() throws IOException {
        // F16 1.5 = 0x3e00, -2 = 0xc000; BF16 1.5 = 0x3fc0, -2 = 0xc000; I64 buffer [0, 1].
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]},"
                + "\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[8,24]}}";
        ByteBuffer file = ByteBuffer.allocate(8 + header.length() + 24).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        file.putShort((short) 0x3e00).putShort((short) 0xc000);
        file.putShort((short) 0x3fc0).putShort((short) 0xc000);
        file.putLong(0).putLong(1);
        Path path = dir.resolve("half.safetensors");
        Files.write(path, file.array());

        Map<String, Safetensors.Tensor> read = Safetensors.read(path);
        assertArrayEquals(new float[] {1.5f, -2f}, read.get("h").toFloatArray());
        assertArrayEquals(new float[] {1.5f, -2f}, read.get("b").toFloatArray());
        assertEquals(2, read.size());
    }

    @Test
    void truncatedFileIsRejectedWithItsName() throws IOException {
        Path path = dir.resolve("broken.safetensors");
        Files.write(path, new byte[] {(byte) 200, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Safetensors.read(path));
        assertTrue(e.getMessage().contains("broken.safetensors"), e.getMessage());
    }
}
