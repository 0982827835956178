package dev.st4j.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.st4j.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serialisation of a prepared folder's data files.
 *
 * <p>{@code records.jsonl} contains one JSON object per line, in input order: {@code id}, {@code
 * row}, {@code label}, {@code group} (string or null), {@code numeric} (column to number, null when
 * missing), {@code categorical} (column to string, null when missing) and {@code text}. {@code
 * split.json} is {@code {"train":[ids],"test":[ids]}}, ids in input order. The dataset checksum is
 * the SHA-256 of the bytes of {@code records.jsonl} followed by those of {@code split.json}.
 */
final class PreparedFiles {

    static final String RECORDS = "records.jsonl";
    static final String SPLIT = "split.json";
    static final String SCHEMA = "schema.json";
    static final String REPORT = "report.json";

    private PreparedFiles() {}

    /** Writes records as JSON Lines to {@code out} and leaves it open. */
    static void writeRecords(List<Record> records, PreparedSchema schema, OutputStream out)
            throws IOException {
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setRootValueSeparator(new SerializedString("\n"));
            for (Record record : records) {
                json.writeStartObject();
                json.writeStringField("id", record.id());
                json.writeNumberField("row", record.row());
                json.writeStringField("label", record.label());
                json.writeStringField("group", record.group());
                json.writeObjectFieldStart("numeric");
                for (int i = 0; i < schema.numericColumns().size(); i++) {
                    json.writeFieldName(schema.numericColumns().get(i));
                    double value = record.numeric()[i];
                    if (Double.isNaN(value)) {
                        json.writeNull();
                    } else {
                        json.writeNumber(value);
                    }
                }
                json.writeEndObject();
                json.writeObjectFieldStart("categorical");
                for (int i = 0; i < schema.categoricalColumns().size(); i++) {
                    json.writeStringField(
                            schema.categoricalColumns().get(i), record.categorical()[i]);
                }
                json.writeEndObject();
                json.writeStringField("text", record.text());
                json.writeEndObject();
            }
            if (!records.isEmpty()) {
                json.writeRaw('\n');
            }
        }
    }

    static byte[] splitBytes(List<String> trainIds, List<String> testIds) throws IOException {
        Map<String, List<String>> split = new LinkedHashMap<>();
        split.put("train", trainIds);
        split.put("test", testIds);
        byte[] json =
                Json.MAPPER
                        .writer()
                        .without(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(split);
        byte[] withNewline = Arrays.copyOf(json, json.length + 1);
        withNewline[json.length] = '\n';
        return withNewline;
    }

    /** Returns the dataset checksum of records and split as they would be written. */
    static String sha256(List<Record> records, PreparedSchema schema, byte[] split)
            throws IOException {
        MessageDigest digest = newDigest();
        try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            writeRecords(records, schema, sink);
            sink.write(split);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Records read from a folder, and the digest of the file's bytes so far. */
    record ReadRecords(List<Record> records, MessageDigest digest) {}

    static ReadRecords readRecords(Path file, PreparedSchema schema, LabelMap labels)
            throws IOException {
        MessageDigest digest = newDigest();
        List<Record> records = new ArrayList<>();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest);
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            long lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                records.add(new RecordLine(file, lineNumber, schema, labels).parse(line));
            }
        }
        return new ReadRecords(records, digest);
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** One line of {@code records.jsonl}, checked field by field against the schema. */
    private record RecordLine(Path file, long line, PreparedSchema schema, LabelMap labels) {

        Record parse(String text) throws IOException {
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw invalid("is not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (node == null || !node.isObject()) {
                throw invalid("is not a JSON object");
            }

            String id = string(node, "id", false);
            long row = node.path("row").asLong(-1);
            if (!node.path("row").isIntegralNumber() || row < 1) {
                throw invalid("has no positive whole 'row'");
            }
            String label = string(node, "label", false);
            if (labels.idOfOrMissing(label) < 0) {
                throw invalid("has label '" + label + "', which is not in " + LabelMap.FILE_NAME);
            }
            String group = string(node, "group", true);
            JsonNode textNode = node.get("text");
            if (textNode == null || !textNode.isTextual()) {
                throw invalid("has no string 'text'");
            }
            String recordText = textNode.asText();

            double[] numeric = new double[schema.numericColumns().size()];
            JsonNode numericNode = columns(node, "numeric", schema.numericColumns());
            for (int i = 0; i < numeric.length; i++) {
                JsonNode value = numericNode.get(schema.numericColumns().get(i));
                if (!value.isNull() && !value.isNumber()) {
                    throw invalid(
                            "has a non-numeric value "
                                    + value
                                    + " in numeric column '"
                                    + schema.numericColumns().get(i)
                                    + "'");
                }
                numeric[i] = value.isNull() ? Double.NaN : value.asDouble();
            }

            String[] categorical = new String[schema.categoricalColumns().size()];
            JsonNode categoricalNode = columns(node, "categorical", schema.categoricalColumns());
            for (int i = 0; i < categorical.length; i++) {
                categorical[i] = string(categoricalNode, schema.categoricalColumns().get(i), true);
            }
            return new Record(row, id, recordText, label, numeric, categorical, group);
        }

        private JsonNode columns(JsonNode node, String field, List<String> expected)
                throws IOException {
            JsonNode object = node.get(field);
            if (object == null || !object.isObject()) {
                throw invalid("has no '" + field + "' object");
            }
            List<String> found = new ArrayList<>();
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                found.add(names.next());
            }
            if (!found.equals(expected)) {
                throw invalid(
                        "has "
                                + field
                                + " columns "
                                + found
                                + ", but "
                                + SCHEMA
                                + " lists "
                                + expected);
            }
            return object;
        }

        private String string(JsonNode node, String field, boolean nullable) throws IOException {
            JsonNode value = node.get(field);
            if (value != null && value.isTextual() && (nullable || !value.asText().isEmpty())) {
                return value.asText();
            }
            if (nullable && value != null && value.isNull()) {
                return null;
            }
            throw invalid("has no " + (nullable ? "" : "non-empty ") + "string '" + field + "'");
        }

        private IOException invalid(String problem) {
            return new IOException(
                    file
                            + ", line "
                            + line
                            + ": the record "
                            + problem
                            + "; re-run 'st4j prepare' to rebuild the folder");
        }
    }
}
