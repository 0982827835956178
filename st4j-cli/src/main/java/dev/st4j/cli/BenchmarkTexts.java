package dev.st4j.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Inputs for the encode benchmark: texts from a file, or synthetic texts of a fixed length. */
final class BenchmarkTexts {

    private BenchmarkTexts() {}

    /**
     * Reads up to {@code limit} texts: one per line, or for a {@code .csv} file the named columns
     * of each row joined by a space (column names compared lower-case, spaces as underscores).
     *
     * @throws IllegalArgumentException when a named column is absent from the CSV header
     */
    static List<String> read(Path file, List<String> columns, int limit) throws IOException {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.subList(0, Math.min(limit, lines.size()));
        }
        List<String> texts = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                        .build().parse(reader)) {
            List<String> header = parser.getHeaderNames();
            int[] indexes = new int[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                indexes[c] = indexOf(header, columns.get(c), file);
            }
            for (CSVRecord record : parser) {
                if (texts.size() >= limit) {
                    break;
                }
                StringBuilder text = new StringBuilder();
                for (int index : indexes) {
                    String value = index < record.size() ? record.get(index).strip() : "";
                    if (!value.isEmpty()) {
                        text.append(text.length() == 0 ? "" : " ").append(value);
                    }
                }
                texts.add(text.toString());
            }
        }
        return texts;
    }

    private static int indexOf(List<String> header, String column, Path file) {
        for (int i = 0; i < header.size(); i++) {
            String normalised = header.get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_');
            if (normalised.equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Column '" + column + "' is not in the header of " + file
                + " (columns: " + header + ")");
    }

    /**
     * Returns {@code count} texts long enough that every one is cut to the same token limit, so
     * batches have no padding: the worst case for length sorting and the fairest engine race.
     */
    static List<String> fixedLength(int count, int maxTokens) {
        String[] words = {"wooden", "puzzle", "kids", "toy", "building", "blocks", "outdoor",
            "camping", "tent", "remote", "control", "car", "doll", "house", "educational",
            "science", "kit", "board", "game", "family", "party", "plush", "animal", "train"};
        Random random = new Random(7);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < maxTokens + 16; w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            texts.add(text.toString().strip());
        }
        return texts;
    }
}
