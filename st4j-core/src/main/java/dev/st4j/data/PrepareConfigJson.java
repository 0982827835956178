package dev.st4j.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.st4j.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reader of a preparation config file: a JSON object whose keys are those of {@link
 * PrepareConfig#toSettings()} ({@code input}, {@code output}, {@code header}, {@code columns},
 * {@code text_columns}, {@code label_column}, {@code label_level}, {@code numeric_columns}, {@code
 * categorical_columns}, {@code group_column}, {@code id_column}, {@code missing_values}, {@code
 * test_size}, {@code seed}, {@code sample}, {@code lenient}). Relative {@code input} and {@code
 * output} paths are resolved against the config file's folder. {@code overwrite} is accepted only
 * on the command line, so a shared config file cannot replace outputs.
 */
public final class PrepareConfigJson {

    private static final Set<String> KEYS =
            new TreeSet<>(
                    List.of(
                            "input",
                            "output",
                            "header",
                            "columns",
                            "text_columns",
                            "label_column",
                            "label_level",
                            "numeric_columns",
                            "categorical_columns",
                            "group_column",
                            "id_column",
                            "missing_values",
                            "test_size",
                            "seed",
                            "sample",
                            "lenient"));

    private PrepareConfigJson() {}

    /** Applies the settings in {@code file} to {@code builder} and returns it. */
    public static PrepareConfig.Builder read(Path file, PrepareConfig.Builder builder)
            throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            throw new IOException("Config file " + file + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(
                    "Config file " + file + " must hold a JSON object with keys " + KEYS);
        }
        Path folder = file.toAbsolutePath().getParent();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            apply(
                    builder,
                    entry.getKey(),
                    new Value(file, entry.getKey(), entry.getValue()),
                    folder);
        }
        return builder;
    }

    private static void apply(PrepareConfig.Builder builder, String key, Value value, Path folder)
            throws IOException {
        switch (key) {
            case "input" -> builder.input(folder.resolve(value.text()));
            case "output" -> builder.output(value.isNull() ? null : folder.resolve(value.text()));
            case "header" -> builder.header(value.bool());
            case "columns" -> builder.columns(value.list());
            case "text_columns" -> builder.textColumns(value.list());
            case "label_column" -> builder.labelColumn(value.text());
            case "label_level" -> builder.labelLevel((int) value.integer());
            case "numeric_columns" -> builder.numericColumns(value.list());
            case "categorical_columns" -> builder.categoricalColumns(value.list());
            case "group_column" -> builder.groupColumn(value.isNull() ? null : value.text());
            case "id_column" -> builder.idColumn(value.text());
            case "missing_values" -> builder.missingValues(value.list());
            case "test_size" -> builder.testSize(value.number());
            case "seed" -> builder.seed(value.integer());
            case "sample" -> builder.sample((int) value.integer());
            case "lenient" -> builder.lenient(value.bool());
            default ->
                    throw new IOException(
                            "Config file "
                                    + value.file
                                    + " has the unknown key '"
                                    + key
                                    + "'; the known keys are "
                                    + KEYS
                                    + (key.equals("overwrite")
                                            ? " (pass --overwrite on the command line)"
                                            : ""));
        }
    }

    /** One setting's JSON value, with type errors that name the file and the key. */
    private record Value(Path file, String key, JsonNode node) {

        boolean isNull() {
            return node.isNull();
        }

        String text() throws IOException {
            if (!node.isTextual()) {
                throw wrongType("a string");
            }
            return node.asText();
        }

        boolean bool() throws IOException {
            if (!node.isBoolean()) {
                throw wrongType("true or false");
            }
            return node.asBoolean();
        }

        long integer() throws IOException {
            if (!node.isIntegralNumber()) {
                throw wrongType("a whole number");
            }
            return node.asLong();
        }

        double number() throws IOException {
            if (!node.isNumber()) {
                throw wrongType("a number");
            }
            return node.asDouble();
        }

        List<String> list() throws IOException {
            if (!node.isArray()) {
                throw wrongType("an array of strings");
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw wrongType("an array of strings");
                }
                items.add(item.asText());
            }
            return items;
        }

        private IOException wrongType(String expected) {
            return new IOException(
                    "Config file "
                            + file
                            + ": \""
                            + key
                            + "\" must be "
                            + expected
                            + ", but is "
                            + node);
        }
    }
}
