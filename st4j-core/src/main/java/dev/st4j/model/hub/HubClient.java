package dev.st4j.model.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.st4j.io.AtomicFiles;
import dev.st4j.io.Json;
import dev.st4j.model.ModelLoadException;
import dev.st4j.model.ResolverSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a Hugging Face Hub model in the standard hub cache and downloads the files a sentence
 * transformer needs into it when the network is allowed. The cache layout is the one Python's
 * {@code huggingface_hub} writes: {@code models--org--name/blobs/<etag>}, {@code
 * snapshots/<commit>/<file>} linking to the blob, and {@code refs/main} holding the commit.
 */
public final class HubClient {

    private static final Logger LOG = LoggerFactory.getLogger(HubClient.class);
    private static final String REVISION = "main";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Files at the root (or in a module folder) that loading a sentence transformer reads. */
    private static final Set<String> WANTED = Set.of("modules.json",
            "config_sentence_transformers.json", "sentence_bert_config.json", "config.json",
            "model.safetensors", "model.safetensors.index.json", "tokenizer.json",
            "tokenizer_config.json", "special_tokens_map.json", "vocab.txt", "vocab.json",
            "merges.txt", "sentencepiece.bpe.model", "added_tokens.json");
    private static final Pattern SHARD = Pattern.compile("model-\\d+-of-\\d+\\.safetensors");
    private static final Pattern MODULE_FILE = Pattern.compile("\\d+_[^/]+/[^/]+");

    private HubClient() {}

    /**
     * Returns the local snapshot folder of {@code repoId}, downloading it first when it is not
     * cached and the network is allowed.
     *
     * @throws ModelLoadException when offline and uncached, or when the hub rejects the request
     */
    public static Path snapshot(String repoId, ResolverSettings settings) throws IOException {
        Path repoDir = settings.hubCache().resolve("models--" + repoId.replace("/", "--"));
        Optional<Path> cached = cachedSnapshot(repoDir);
        if (cached.isPresent()) {
            LOG.debug("Using cached {} at {}", repoId, cached.get());
            return cached.get();
        }
        if (settings.offline()) {
            throw new ModelLoadException("Model '" + repoId + "' is not in the Hugging Face cache "
                    + settings.hubCache() + " and st4j is offline. Allow downloads once with"
                    + " ST4J_OFFLINE=false (and HF_HUB_OFFLINE unset), or download it with"
                    + " `huggingface-cli download " + repoId + "`, or pass a local model folder");
        }
        return download(repoId, repoDir, settings);
    }

    private static Optional<Path> cachedSnapshot(Path repoDir) throws IOException {
        Path ref = repoDir.resolve("refs").resolve(REVISION);
        if (Files.isRegularFile(ref)) {
            Path snapshot = repoDir.resolve("snapshots").resolve(Files.readString(ref).strip());
            if (Files.isDirectory(snapshot)) {
                return Optional.of(snapshot);
            }
        }
        Path snapshots = repoDir.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(snapshots)) {
            List<Path> all = children.filter(Files::isDirectory).toList();
            return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
        }
    }

    private static Path download(String repoId, Path repoDir, ResolverSettings settings)
            throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String api = settings.hubEndpoint() + "/api/models/" + repoId + "/revision/" + REVISION;
        JsonNode info = Json.MAPPER.readTree(fetch(client, api, settings, repoId));
        String commit = info.path("sha").asText("");
        if (!commit.matches("[0-9a-f]{40}")) {
            throw new ModelLoadException("Hugging Face returned no commit sha for " + api);
        }
        List<String> files = new ArrayList<>();
        for (JsonNode sibling : info.path("siblings")) {
            String file = sibling.path("rfilename").asText();
            if (isWanted(file)) {
                files.add(file);
            }
        }
        if (!files.contains("config.json")) {
            throw new ModelLoadException("Hugging Face model '" + repoId + "' has no config.json,"
                    + " so it is not a transformers encoder");
        }
        LOG.info("Downloading {} ({} files, commit {}) into {}", repoId, files.size(), commit, repoDir);
        Path snapshot = repoDir.resolve("snapshots").resolve(commit);
        for (String file : files) {
            String url = settings.hubEndpoint() + "/" + repoId + "/resolve/" + commit + "/"
                    + encodePath(file);
            downloadFile(client, url, settings, repoId, repoDir, snapshot.resolve(file));
        }
        AtomicFiles.writeString(repoDir.resolve("refs").resolve(REVISION), true, commit);
        return snapshot;
    }

    static boolean isWanted(String file) {
        if (!file.contains("/")) {
            return WANTED.contains(file) || SHARD.matcher(file).matches();
        }
        if (!MODULE_FILE.matcher(file).matches()) {
            return false;
        }
        String name = file.substring(file.indexOf('/') + 1);
        return name.endsWith(".json") || name.endsWith(".safetensors") || WANTED.contains(name);
    }

    private static void downloadFile(HttpClient client, String url, ResolverSettings settings,
            String repoId, Path repoDir, Path target) throws IOException {
        if (Files.exists(target)) {
            return;
        }
        HttpResponse<Path> response;
        Path blobs = Files.createDirectories(repoDir.resolve("blobs"));
        Path incomplete = Files.createTempFile(blobs, "download-", ".incomplete");
        try {
            response = send(client, request(url, settings).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(incomplete), url);
            if (response.statusCode() != 200) {
                throw failure(repoId, url, response.statusCode());
            }
            String etag = etag(response).orElseGet(() -> "sha-" + target.getFileName());
            Path blob = blobs.resolve(etag);
            Files.move(incomplete, blob, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.createDirectories(target.getParent());
            try {
                Files.createSymbolicLink(target, target.getParent().relativize(blob));
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(blob, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(incomplete);
        }
    }

    /**
     * The blob name, unquoted: X-Linked-Etag (an LFS file's SHA-256, sent with the redirect to
     * the CDN) from any response of the redirect chain, else the final ETag.
     */
    private static Optional<String> etag(HttpResponse<?> response) {
        Optional<String> value = Optional.empty();
        for (HttpResponse<?> r = response; r != null && value.isEmpty();
                r = r.previousResponse().orElse(null)) {
            value = r.headers().firstValue("x-linked-etag");
        }
        return value.or(() -> response.headers().firstValue("etag"))
                .map(v -> v.replaceFirst("^W/", "").replace("\"", ""))
                .filter(v -> v.matches("[A-Za-z0-9._-]+"));
    }

    private static byte[] fetch(HttpClient client, String url, ResolverSettings settings,
            String repoId) throws IOException {
        HttpResponse<byte[]> response = send(client, request(url, settings).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray(), url);
        if (response.statusCode() != 200) {
            throw failure(repoId, url, response.statusCode());
        }
        return response.body();
    }

    private static HttpRequest.Builder request(String url, ResolverSettings settings) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("User-Agent", "st4j");
        if (settings.hubToken() != null && !settings.hubToken().isBlank()) {
            builder.header("Authorization", "Bearer " + settings.hubToken());
        }
        return builder;
    }

    private static <T> HttpResponse<T> send(HttpClient client, HttpRequest request,
            HttpResponse.BodyHandler<T> handler, String url) throws IOException {
        try {
            return client.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while downloading " + url, e);
        }
    }

    private static ModelLoadException failure(String repoId, String url, int status) {
        String hint = status == 401 || status == 403
                ? "; the model may be gated or private: set HF_TOKEN"
                : status == 404 ? "; check the model id" : "";
        return new ModelLoadException("Downloading Hugging Face model '" + repoId + "' failed: "
                + url + " returned HTTP " + status + hint);
    }

    private static String encodePath(String file) {
        List<String> parts = new ArrayList<>();
        for (String part : file.split("/")) {
            parts.add(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", parts);
    }
}
