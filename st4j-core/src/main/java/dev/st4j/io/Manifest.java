package dev.st4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provenance written beside every artifact ({@code st4j-manifest.json}): what made it, with which
 * settings and seed, from which inputs (SHA-256), with which library versions.
 *
 * @param kind artifact kind, such as {@code prepared-dataset}, {@code model} or {@code classifier}
 * @param settings the settings that produced it, as written by the producing config record
 * @param inputs input name to SHA-256 (or another stable identity) of what it was made from
 */
public record Manifest(
        String kind,
        String createdAt,
        String st4jVersion,
        Map<String, Object> settings,
        Map<String, String> inputs,
        Map<String, String> libraries) {

    public static final String FILE_NAME = "st4j-manifest.json";

    /** Creates a manifest stamped with the current time and the library versions in use. */
    public static Manifest of(String kind, Map<String, Object> settings, Map<String, String> inputs) {
        return new Manifest(
                kind,
                Instant.now().toString(),
                Versions.ST4J,
                new LinkedHashMap<>(settings),
                new LinkedHashMap<>(inputs),
                Versions.libraries());
    }

    /** Writes this manifest into {@code folder}. */
    public void writeTo(Path folder) throws IOException {
        Json.write(folder.resolve(FILE_NAME), this, true);
    }

    public static Manifest readFrom(Path folder) throws IOException {
        return Json.read(folder.resolve(FILE_NAME), Manifest.class);
    }
}
