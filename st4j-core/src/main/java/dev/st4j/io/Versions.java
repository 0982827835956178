package dev.st4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of st4j and of the libraries it runs on, filled in by the Maven build. */
public final class Versions {

    private static final Properties BUILD = load();

    public static final String ST4J = BUILD.getProperty("st4j", "unknown");

    private Versions() {}

    /** Returns library name to version: java, djl, libtorch, xgboost4j, onnxruntime. */
    public static Map<String, String> libraries() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.version"));
        for (String name : new String[] {"djl", "libtorch", "xgboost4j", "onnxruntime"}) {
            versions.put(name, BUILD.getProperty(name, "unknown"));
        }
        return versions;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/dev/st4j/versions.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the build's versions.properties", e);
        }
        return properties;
    }
}
