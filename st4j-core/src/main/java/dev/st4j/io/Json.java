package dev.st4j.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** The project's one Jackson configuration: pretty output, unknown fields tolerated on read. */
public final class Json {

    public static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}

    /** Serialises {@code value} to {@code target} atomically. */
    public static void write(Path target, Object value, boolean overwrite) throws IOException {
        AtomicFiles.writeFile(target, overwrite, temporary -> MAPPER.writeValue(temporary.toFile(), value));
    }

    /** Reads {@code source} as {@code type}, naming the file in the error. */
    public static <T> T read(Path source, Class<T> type) throws IOException {
        try {
            return MAPPER.readValue(source.toFile(), type);
        } catch (IOException e) {
            throw new IOException("Failed to read " + type.getSimpleName() + " from " + source + ": "
                    + e.getMessage(), e);
        }
    }
}
