package dev.st4j.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes files and folders through a temporary sibling that is renamed into place, so a crash
 * never leaves a half-written output under the final name.
 */
public final class AtomicFiles {

    /** Writer of one temporary path (a file or a folder, as the caller chooses). */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path temporary) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes a file through {@code writer} and renames it onto {@code target}.
     *
     * @param overwrite whether an existing {@code target} may be replaced
     * @throws FileAlreadyExistsException if {@code target} exists and {@code overwrite} is false
     */
    public static void writeFile(Path target, boolean overwrite, PathWriter writer)
            throws IOException {
        Path absolute = target.toAbsolutePath();
        rejectExisting(absolute, overwrite);
        Files.createDirectories(absolute.getParent());
        Path temporary = temporarySibling(absolute);
        try {
            writer.write(temporary);
            move(temporary, absolute);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Writes a folder through {@code writer}, which receives an empty temporary folder, then
     * replaces {@code target} with it. An existing target is removed only after the new folder
     * is complete.
     *
     * @throws FileAlreadyExistsException if {@code target} exists and {@code overwrite} is false
     */
    public static void writeDirectory(Path target, boolean overwrite, PathWriter writer)
            throws IOException {
        Path absolute = target.toAbsolutePath();
        rejectExisting(absolute, overwrite);
        Files.createDirectories(absolute.getParent());
        Path temporary = temporarySibling(absolute);
        Files.createDirectory(temporary);
        try {
            writer.write(temporary);
            if (Files.exists(absolute)) {
                Path old = temporarySibling(absolute);
                move(absolute, old);
                move(temporary, absolute);
                deleteRecursively(old);
            } else {
                move(temporary, absolute);
            }
        } finally {
            deleteRecursively(temporary);
        }
    }

    /** Writes UTF-8 text atomically. */
    public static void writeString(Path target, boolean overwrite, String text) throws IOException {
        writeFile(target, overwrite, temporary -> Files.writeString(temporary, text));
    }

    /** Deletes a file or a folder tree; a missing path is not an error. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Checks that {@code folder}, an existing output about to be replaced under an overwrite flag,
     * holds only entries that the replacing command writes itself and no input of the run, so the
     * replacement cannot delete a file that the user put there.
     *
     * @param ownEntries names of the folder's direct entries that the command writes
     * @param inputs files the run reads; none may lie inside {@code folder}
     * @param what the kind of output, for the message ("a prepared dataset")
     * @throws FileAlreadyExistsException naming the first other entry or the input inside
     */
    public static void checkReplaceable(Path folder, Set<String> ownEntries, List<Path> inputs,
            String what) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        for (Path input : inputs) {
            if (input != null && input.toAbsolutePath().normalize().startsWith(root)) {
                throw new FileAlreadyExistsException(folder.toString(), null, "contains the input "
                        + input + ", which --overwrite would delete; choose another --output");
            }
        }
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> entries = Files.list(root)) {
            List<String> others = entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> !ownEntries.contains(name))
                    .sorted()
                    .toList();
            if (!others.isEmpty()) {
                throw new FileAlreadyExistsException(folder.toString(), null, "is not only "
                        + what + ": it also contains " + others.get(0)
                        + (others.size() > 1 ? " and " + (others.size() - 1) + " more" : "")
                        + ", which --overwrite would delete; choose another --output or move"
                        + " those files out");
            }
        }
    }

    private static void rejectExisting(Path target, boolean overwrite) throws IOException {
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(
                    target.toString(), null, "already exists; pass --overwrite to replace it");
        }
    }

    private static Path temporarySibling(Path target) {
        return target.resolveSibling(
                "." + target.getFileName() + ".tmp-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
