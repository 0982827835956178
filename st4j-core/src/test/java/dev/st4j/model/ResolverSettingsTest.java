package dev.st4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolverSettingsTest {

    @Test
    void defaultsAreOfflineUnderUserCache() {
        ResolverSettings settings = ResolverSettings.from(Map.of(), "/home/u", null);
        assertTrue(settings.offline());
        assertEquals(Path.of("/home/u/.cache/st4j"), settings.st4jCache());
        assertEquals(Path.of("/home/u/.cache/huggingface/hub"), settings.hubCache());
        assertEquals("https://huggingface.co", settings.hubEndpoint());
        assertEquals(Path.of("/home/u/.cache/st4j/models/all-minilm-l6-v2"),
                settings.embeddedFolder(EmbeddedModel.ALL_MINILM_L6_V2));
    }

    @Test
    void networkNeedsExplicitOptIn() {
        assertFalse(ResolverSettings.from(Map.of(), "/h", "false").offline());
        assertFalse(ResolverSettings.from(Map.of("ST4J_OFFLINE", "false"), "/h", "true").offline());
        assertTrue(ResolverSettings.from(Map.of("ST4J_OFFLINE", "true"), "/h", "false").offline());
        assertTrue(ResolverSettings.from(Map.of("HF_HUB_OFFLINE", "1"), "/h", "false").offline());
    }

    @Test
    void huggingFaceVariablesAreHonoured() {
        ResolverSettings settings = ResolverSettings.from(Map.of("HF_HOME", "/data/hf",
                "HF_ENDPOINT", "http://127.0.0.1:8080/", "ST4J_CACHE", "/data/st4j",
                "HF_TOKEN", "secret"), "/h", null);
        assertEquals(Path.of("/data/hf/hub"), settings.hubCache());
        assertEquals("http://127.0.0.1:8080", settings.hubEndpoint());
        assertEquals(Path.of("/data/st4j"), settings.st4jCache());
        assertFalse(settings.toString().contains("secret"), "the token never reaches logs");
        assertEquals(Path.of("/data/cache"),
                ResolverSettings.from(Map.of("HF_HOME", "/x", "HF_HUB_CACHE", "/data/cache"), "/h", null)
                        .hubCache());
    }
}
