package dev.st4j.model.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.st4j.model.Architecture;
import dev.st4j.model.ModelLoadException;
import dev.st4j.model.ModelResolver;
import dev.st4j.model.ResolverSettings;
import dev.st4j.model.SentenceTransformer;
import dev.st4j.model.TinyModelsAccess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hub downloads against a fake hub on the loopback interface; nothing leaves the machine. */
class HubClientTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir Path dir;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void downloadsIntoHuggingFaceCacheLayout() throws IOException {
        Path model = TinyModelsAccess.sentenceTransformer(dir.resolve("served"), Architecture.BERT);
        String endpoint = serve(model, 200);
        ResolverSettings online = new ResolverSettings(dir.resolve("st4j"), dir.resolve("hub"),
                endpoint, false, null);

        Path snapshot = ModelResolver.resolve("acme/tiny-encoder", online);

        Path repo = dir.resolve("hub/models--acme--tiny-encoder");
        assertEquals(repo.resolve("snapshots").resolve(COMMIT), snapshot);
        assertEquals(COMMIT, Files.readString(repo.resolve("refs/main")));
        assertTrue(Files.isSymbolicLink(snapshot.resolve("model.safetensors")));
        assertTrue(Files.isRegularFile(snapshot.resolve("1_Pooling/config.json")));
        assertTrue(Files.notExists(snapshot.resolve("st4j-manifest.json")),
                "files a sentence transformer does not read are not downloaded");
        try (Stream<Path> blobs = Files.list(repo.resolve("blobs"))) {
            assertTrue(blobs.allMatch(blob -> !blob.getFileName().toString().endsWith(".incomplete")));
        }
        try (SentenceTransformer loaded = SentenceTransformer.load(snapshot)) {
            assertEquals(32, loaded.dimension());
        }

        int served = requests.get();
        ResolverSettings offline = new ResolverSettings(dir.resolve("st4j"), dir.resolve("hub"),
                endpoint, true, null);
        assertEquals(snapshot, ModelResolver.resolve("acme/tiny-encoder", offline));
        assertEquals(served, requests.get(), "a cached model is resolved without the network");
    }

    @Test
    void offlineUncachedIdSaysHowToGetIt() {
        ResolverSettings offline = new ResolverSettings(dir.resolve("st4j"), dir.resolve("hub"),
                ResolverSettings.DEFAULT_ENDPOINT, true, null);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelResolver.resolve("acme/not-cached", offline));
        assertTrue(e.getMessage().contains("ST4J_OFFLINE=false"), e.getMessage());
        assertTrue(e.getMessage().contains("acme/not-cached"), e.getMessage());
    }

    @Test
    void gatedModelAsksForToken() throws IOException {
        Path model = TinyModelsAccess.sentenceTransformer(dir.resolve("served"), Architecture.BERT);
        String endpoint = serve(model, 401);
        ResolverSettings online = new ResolverSettings(dir.resolve("st4j"), dir.resolve("hub"),
                endpoint, false, null);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelResolver.resolve("acme/gated", online));
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertTrue(e.getMessage().contains("HF_TOKEN"), e.getMessage());
    }

    /** Serves {@code folder} as a hub repository whose API returns {@code apiStatus}. */
    private String serve(Path folder, int apiStatus) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/api/models/")) {
                if (apiStatus != 200) {
                    respond(exchange, apiStatus, new byte[0], null);
                    return;
                }
                respond(exchange, 200, apiJson(folder).getBytes(StandardCharsets.UTF_8), null);
                return;
            }
            String prefix = "/resolve/" + COMMIT + "/";
            int at = path.indexOf(prefix);
            Path file = at < 0 ? null : folder.resolve(path.substring(at + prefix.length()));
            if (file == null || !Files.isRegularFile(file)) {
                respond(exchange, 404, new byte[0], null);
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            respond(exchange, 200, bytes, "\"" + dev.st4j.io.Hashing.sha256(bytes) + "\"");
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String apiJson(Path folder) throws IOException {
        List<String> siblings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                siblings.add("{\"rfilename\":\"" + folder.relativize(file).toString().replace('\\', '/')
                        + "\"}");
            }
        }
        return "{\"sha\":\"" + COMMIT + "\",\"siblings\":[" + String.join(",", siblings) + "]}";
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String etag)
            throws IOException {
        if (etag != null) {
            exchange.getResponseHeaders().add("ETag", etag);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
