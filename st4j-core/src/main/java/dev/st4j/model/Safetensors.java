package dev.st4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.st4j.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reader and writer of the safetensors format: an 8-byte little-endian header length, a JSON
 * header of name to dtype, shape and byte range, then the raw little-endian tensor bytes.
 *
 * <p>The writer emits what Python's {@code safetensors} and {@code transformers} expect: keys in
 * sorted order, {@code __metadata__ {"format": "pt"}}, and a header padded with spaces so the data
 * starts at an 8-byte boundary. It writes float32 only. The reader accepts F32, F16 and BF16,
 * widens the half-precision types to float32 and skips integer tensors.
 */
public final class Safetensors {

    /** Largest header accepted on read; real headers are a few hundred kilobytes at most. */
    private static final long MAX_HEADER_BYTES = 100L << 20;

    /**
     * One float32 tensor.
     *
     * @param shape dimensions, outermost first
     * @param data little-endian float32 bytes, {@code product(shape) * 4} of them
     */
    public record Tensor(long[] shape, ByteBuffer data) {
        public Tensor {
            long elements = Arrays.stream(shape).reduce(1L, Math::multiplyExact);
            if (data.remaining() != elements * Float.BYTES) {
                throw new IllegalArgumentException("Tensor of shape " + Arrays.toString(shape)
                        + " needs " + elements * Float.BYTES + " bytes, got " + data.remaining());
            }
            data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        }

        /** Creates a tensor from float values. */
        public static Tensor of(long[] shape, float[] values) {
            ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            return new Tensor(shape, bytes);
        }

        public float[] toFloatArray() {
            float[] values = new float[data.remaining() / Float.BYTES];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        }
    }

    private Safetensors() {}

    /**
     * Reads every tensor of {@code file} into its own direct buffer, which DJL can hand to
     * libtorch without another copy. Reading, not memory-mapping, keeps the file's pages out of
     * the process's resident memory.
     *
     * @throws ModelLoadException when the header is malformed or a dtype is unsupported
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new ModelLoadException(file + " is not a safetensors file: only " + size + " bytes");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.flip().getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > size) {
                throw new ModelLoadException(file + " is not a safetensors file: header length "
                        + headerLength + " does not fit a file of " + size + " bytes");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(channel, header, 8);
            JsonNode root = Json.MAPPER.readTree(new String(header.array(), StandardCharsets.UTF_8));
            return readEntries(file, root, channel, 8 + headerLength, size);
        }
    }

    private static Map<String, Tensor> readEntries(Path file, JsonNode root, FileChannel channel,
            long dataStart, long size) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode info = entry.getValue();
            String dtype = info.path("dtype").asText();
            long[] shape = new long[info.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = info.path("shape").get(i).asLong();
            }
            long begin = info.path("data_offsets").path(0).asLong(-1);
            long end = info.path("data_offsets").path(1).asLong(-1);
            long elements = Arrays.stream(shape).reduce(1L, Math::multiplyExact);
            int width = switch (dtype) {
                case "F32", "I32" -> 4;
                case "F16", "BF16", "I16" -> 2;
                case "F64", "I64" -> 8;
                case "I8", "U8", "BOOL" -> 1;
                default -> throw new ModelLoadException(file + ": tensor '" + entry.getKey()
                        + "' has unknown dtype '" + dtype + "'");
            };
            if (begin < 0 || dataStart + end > size || end - begin != elements * width
                    || end - begin > Integer.MAX_VALUE) {
                throw new ModelLoadException(file + ": tensor '" + entry.getKey() + "' of shape "
                        + Arrays.toString(shape) + " and dtype " + dtype + " has byte range ["
                        + begin + ", " + end + ") that does not match its size or the file");
            }
            if (!dtype.equals("F32") && !dtype.equals("F16") && !dtype.equals("BF16")) {
                continue; // integer buffers such as BERT's embeddings.position_ids
            }
            ByteBuffer bytes = ByteBuffer.allocateDirect((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, bytes, dataStart + begin);
            bytes.flip();
            tensors.put(entry.getKey(), new Tensor(shape, dtype.equals("F32") ? bytes : widen(bytes, dtype)));
        }
        return tensors;
    }

    private static void readFully(FileChannel channel, ByteBuffer target, long position)
            throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int read = channel.read(target, at);
            if (read < 0) {
                throw new IOException("Unexpected end of file at byte " + at);
            }
            at += read;
        }
    }

    private static ByteBuffer widen(ByteBuffer halfBytes, String dtype) {
        int count = halfBytes.remaining() / 2;
        ByteBuffer out = ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            short bits = halfBytes.getShort(i * 2);
            float value = dtype.equals("BF16")
                    ? Float.intBitsToFloat((bits & 0xffff) << 16)
                    : halfToFloat(bits);
            out.putFloat(value);
        }
        return out.flip();
    }

    /** IEEE 754 binary16 to float32 (Float.float16ToFloat arrives only in Java 20). */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f; // subnormal: mantissa * 2^-24
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** Writes {@code tensors} to {@code file}, replacing it. Use AtomicFiles for the final name. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        try (OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            write(out, tensors);
        }
    }

    /** Writes {@code tensors} in safetensors layout to {@code out}, keys sorted. */
    public static void write(OutputStream out, Map<String, Tensor> tensors) throws IOException {
        TreeMap<String, Tensor> sorted = new TreeMap<>(tensors);
        byte[] header = header(sorted);
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        out.write(length.array());
        out.write(header);
        byte[] chunk = new byte[1 << 16];
        for (Tensor tensor : sorted.values()) {
            ByteBuffer data = tensor.data().duplicate();
            while (data.hasRemaining()) {
                int n = Math.min(chunk.length, data.remaining());
                data.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    private static byte[] header(TreeMap<String, Tensor> sorted) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : sorted.entrySet()) {
            Tensor tensor = entry.getValue();
            ObjectNode info = root.putObject(entry.getKey());
            info.put("dtype", "F32");
            ArrayNode shape = info.putArray("shape");
            for (long dim : tensor.shape()) {
                shape.add(dim);
            }
            long end = offset + tensor.data().remaining();
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        String json = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(root);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        // Python's safetensors pads with spaces so tensor data starts 8-byte aligned.
        int padded = (bytes.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(bytes, padded);
        Arrays.fill(out, bytes.length, padded, (byte) ' ');
        return out;
    }
}
