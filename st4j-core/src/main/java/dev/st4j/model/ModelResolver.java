package dev.st4j.model;

import dev.st4j.io.AtomicFiles;
import dev.st4j.io.Manifest;
import dev.st4j.model.hub.HubClient;
import dev.st4j.model.onnx.OnnxModelImporter;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a model name into a local sentence-transformers folder: an embedded model's short name
 * or hub id (converted once from ONNX and cached), an existing folder path, or a Hugging Face
 * Hub id (from the hub cache, downloaded there when the network is allowed).
 */
public final class ModelResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ModelResolver.class);
    private static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][\\w.-]*/[\\w.-]+");

    private ModelResolver() {}

    /** Resolves with {@link ResolverSettings#fromEnvironment()}. */
    public static Path resolve(String nameOrPath) throws IOException {
        return resolve(nameOrPath, ResolverSettings.fromEnvironment());
    }

    /**
     * Resolves a model name.
     *
     * @throws ModelLoadException when the name is none of the accepted forms, or names a hub
     *     model that is not cached while offline; the message says how to get it
     */
    public static Path resolve(String nameOrPath, ResolverSettings settings) throws IOException {
        String name = nameOrPath.strip();
        Optional<EmbeddedModel> embedded = EmbeddedModel.find(name);
        if (embedded.isPresent()) {
            return embeddedFolder(embedded.get(), settings);
        }
        Optional<Path> path = asPath(name);
        if (path.isPresent() && Files.isDirectory(path.get())) {
            return path.get();
        }
        if (path.isPresent() && Files.exists(path.get())) {
            throw new ModelLoadException("Model path " + name + " is a file; pass the model folder");
        }
        if (HUB_ID.matcher(name).matches()) {
            return HubClient.snapshot(name, settings);
        }
        throw new ModelLoadException("Model '" + name + "' not found: it is not an embedded model ("
                + embeddedNames() + "), an existing folder, or a Hugging Face id like org/name");
    }

    /**
     * Returns the cached sentence-transformers folder of an embedded model, converting the ONNX
     * export first when the cache lacks it or was made from another jar version. Conversion
     * writes a temporary sibling and renames it, so a concurrent or aborted run never leaves a
     * partial folder under the final name.
     */
    public static Path embeddedFolder(EmbeddedModel model, ResolverSettings settings)
            throws IOException {
        Path folder = settings.embeddedFolder(model);
        String identity = OnnxModelImporter.resourceIdentity(model);
        if (isCurrent(folder, identity)) {
            return folder;
        }
        boolean stale = Files.exists(folder);
        LOG.info("{} {} into {} (once)", stale ? "Re-converting" : "Converting",
                model.shortName(), folder);
        try {
            AtomicFiles.writeDirectory(folder, stale, temporary ->
                    ModelWriter.write(temporary, OnnxModelImporter.importEmbedded(model)));
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!isCurrent(folder, identity)) {
                throw e;
            }
            LOG.info("Another process converted {} meanwhile; using its folder", model.shortName());
        }
        return folder;
    }

    /** Returns whether {@code folder} holds a complete conversion of the current jar's model. */
    static boolean isCurrent(Path folder, String resourceIdentity) {
        if (!Files.isRegularFile(folder.resolve(CheckpointReader.WEIGHTS))
                || !Files.isRegularFile(folder.resolve(Manifest.FILE_NAME))) {
            return false;
        }
        try {
            return resourceIdentity.equals(
                    Manifest.readFrom(folder).inputs().get("onnx_resource"));
        } catch (IOException e) {
            LOG.warn("Unreadable manifest in {}, converting again: {}", folder, e.getMessage());
            return false;
        }
    }

    static String embeddedNames() {
        return Arrays.stream(EmbeddedModel.values()).map(EmbeddedModel::shortName)
                .collect(Collectors.joining(", "));
    }

    private static Optional<Path> asPath(String name) {
        try {
            return Optional.of(Path.of(name));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
