package dev.st4j.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where {@link ModelResolver} caches models and whether it may use the network.
 *
 * @param st4jCache root of st4j's cache; converted embedded models go to {@code models/<name>}
 * @param hubCache Hugging Face hub cache ({@code models--org--name/snapshots/<rev>/...})
 * @param hubEndpoint base URL of the Hugging Face Hub
 * @param offline whether downloads are forbidden
 * @param hubToken bearer token for gated or private models, or null
 */
public record ResolverSettings(Path st4jCache, Path hubCache, String hubEndpoint, boolean offline,
        String hubToken) {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    /** Folder of a converted embedded model. */
    public Path embeddedFolder(EmbeddedModel model) {
        return st4jCache.resolve("models").resolve(model.shortName());
    }

    /**
     * Reads the settings from the process environment and system properties. The system
     * property {@code st4j.cache}, when set, takes the place of {@code ST4J_CACHE}.
     */
    public static ResolverSettings fromEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        String cacheProperty = System.getProperty("st4j.cache");
        if (nonBlank(cacheProperty)) {
            env.put("ST4J_CACHE", cacheProperty);
        }
        return from(env, System.getProperty("user.home"), System.getProperty("ai.djl.offline"));
    }

    /**
     * Derives the settings. {@code ST4J_CACHE} replaces {@code ~/.cache/st4j}; {@code HF_HUB_CACHE}
     * or {@code HF_HOME/hub} replaces {@code ~/.cache/huggingface/hub}; {@code HF_ENDPOINT}
     * replaces the public hub. The network is allowed only when {@code ST4J_OFFLINE} or the
     * {@code ai.djl.offline} property is {@code false} and {@code HF_HUB_OFFLINE} is not set.
     */
    static ResolverSettings from(Map<String, String> env, String userHome, String djlOffline) {
        Path home = Path.of(userHome);
        Path st4jCache = nonBlank(env.get("ST4J_CACHE")) ? Path.of(env.get("ST4J_CACHE"))
                : home.resolve(".cache").resolve("st4j");
        Path hubCache;
        if (nonBlank(env.get("HF_HUB_CACHE"))) {
            hubCache = Path.of(env.get("HF_HUB_CACHE"));
        } else if (nonBlank(env.get("HF_HOME"))) {
            hubCache = Path.of(env.get("HF_HOME")).resolve("hub");
        } else {
            hubCache = home.resolve(".cache").resolve("huggingface").resolve("hub");
        }
        String endpoint = nonBlank(env.get("HF_ENDPOINT"))
                ? env.get("HF_ENDPOINT").replaceAll("/+$", "") : DEFAULT_ENDPOINT;
        String st4jOffline = env.get("ST4J_OFFLINE");
        boolean networkAllowed = nonBlank(st4jOffline) ? isFalse(st4jOffline) : isFalse(djlOffline);
        boolean offline = !networkAllowed || isTrue(env.get("HF_HUB_OFFLINE"));
        return new ResolverSettings(st4jCache, hubCache, endpoint, offline, env.get("HF_TOKEN"));
    }

    private static boolean nonBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean isFalse(String value) {
        return value != null && value.strip().toLowerCase(Locale.ROOT).matches("false|0|no|off");
    }

    private static boolean isTrue(String value) {
        return value != null && value.strip().toLowerCase(Locale.ROOT).matches("true|1|yes|on");
    }

    @Override
    public String toString() {
        return "ResolverSettings[st4jCache=" + st4jCache + ", hubCache=" + hubCache
                + ", hubEndpoint=" + hubEndpoint + ", offline=" + offline + ", hubToken="
                + (hubToken == null ? "none" : "set") + "]";
    }
}
