package dev.st4j.model;

import dev.st4j.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes embeddings as TSV, NumPy {@code .npy} or JSON Lines, chosen by file extension. */
public final class EmbeddingFiles {

    /** Output formats, each with its file extension. */
    public enum Format {
        /** One row of tab-separated floats per text. */
        TSV,
        /** A float32 array of shape [texts, dimension], NumPy format version 1.0. */
        NPY,
        /** One {@code {"line": n, "embedding": [...]}} object per text, n counting from 1. */
        JSONL;

        /**
         * Picks the format from {@code file}'s extension.
         *
         * @throws IllegalArgumentException naming the supported extensions
         */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Format format : values()) {
                if (name.endsWith("." + format.name().toLowerCase(Locale.ROOT))) {
                    return format;
                }
            }
            throw new IllegalArgumentException("Unsupported output file " + file + ": the name must"
                    + " end in " + Arrays.stream(values())
                            .map(f -> "." + f.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")));
        }
    }

    private EmbeddingFiles() {}

    /**
     * Writes {@code embeddings} to {@code file} atomically, in the format its extension names.
     *
     * @throws java.nio.file.FileAlreadyExistsException when the file exists and {@code overwrite}
     *     is false
     */
    public static void write(Path file, float[][] embeddings, boolean overwrite) throws IOException {
        Format format = Format.of(file);
        AtomicFiles.writeFile(file, overwrite, temporary -> {
            switch (format) {
                case TSV -> writeTsv(temporary, embeddings);
                case NPY -> writeNpy(temporary, embeddings);
                case JSONL -> writeJsonl(temporary, embeddings);
            }
        });
    }

    private static void writeTsv(Path file, float[][] embeddings) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (float[] row : embeddings) {
                for (int d = 0; d < row.length; d++) {
                    if (d > 0) {
                        out.write('\t');
                    }
                    out.write(Float.toString(row[d]));
                }
                out.write('\n');
            }
        }
    }

    private static void writeJsonl(Path file, float[][] embeddings) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < embeddings.length; i++) {
                out.write("{\"line\":" + (i + 1) + ",\"embedding\":[");
                float[] row = embeddings[i];
                for (int d = 0; d < row.length; d++) {
                    if (d > 0) {
                        out.write(',');
                    }
                    out.write(Float.toString(row[d]));
                }
                out.write("]}\n");
            }
        }
    }

    /**
     * Writes NumPy's format 1.0: magic, a little-endian header length, a Python-literal header
     * padded with spaces to a 64-byte boundary, then row-major little-endian float32 data.
     */
    private static void writeNpy(Path file, float[][] embeddings) throws IOException {
        int dimension = embeddings.length == 0 ? 0 : embeddings[0].length;
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + embeddings.length
                + ", " + dimension + "), }";
        int preamble = 10; // 6 magic bytes, 2 version bytes, 2 header-length bytes
        int total = (preamble + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(total - preamble - dict.length() - 1) + "\n";
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw))) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(header.length() & 0xff);
            out.write(header.length() >>> 8);
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer row = ByteBuffer.allocate(dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] vector : embeddings) {
                if (vector.length != dimension) {
                    throw new IllegalArgumentException("Ragged embeddings: a row has " + vector.length
                            + " values, the first has " + dimension);
                }
                row.clear();
                row.asFloatBuffer().put(vector);
                out.write(row.array());
            }
        }
    }
}
