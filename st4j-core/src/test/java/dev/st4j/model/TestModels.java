package dev.st4j.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Embedded models converted once per build into {@code target/st4j-test-cache} and shared by
 * every test of the JVM, so the suite runs on a clean machine without touching the user cache.
 */
final class TestModels {

    private static final Map<EmbeddedModel, SentenceTransformer> LOADED = new EnumMap<>(EmbeddedModel.class);

    private TestModels() {}

    static ResolverSettings settings() {
        Path target = Path.of("target").toAbsolutePath();
        return new ResolverSettings(target.resolve("st4j-test-cache"),
                target.resolve("hf-test-cache"), ResolverSettings.DEFAULT_ENDPOINT, true, null);
    }

    static Path folder(EmbeddedModel model) {
        try {
            return ModelResolver.embeddedFolder(model, settings());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loaded model that tests must not modify or close. */
    static synchronized SentenceTransformer shared(EmbeddedModel model) {
        return LOADED.computeIfAbsent(model, m -> SentenceTransformer.load(folder(m)));
    }

    static SentenceTransformer minilm() {
        return shared(EmbeddedModel.ALL_MINILM_L6_V2);
    }
}
