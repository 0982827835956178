package dev.st4j.train;

import dev.st4j.data.LabelMap;
import dev.st4j.io.AtomicFiles;
import dev.st4j.io.Manifest;
import dev.st4j.model.SentenceTransformer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The output folder of a run: {@code model/} (sentence-transformers folder), {@code head/} (head
 * weights, config and labels), {@code checkpoints/}, {@code metrics.jsonl} and {@code
 * st4j-manifest.json}. Only these entries are ever replaced or deleted; other files in the folder
 * are left alone.
 */
final class RunOutput {

    static final String MODEL = "model";
    static final String HEAD = "head";

    private static final Logger LOG = LoggerFactory.getLogger(RunOutput.class);
    private static final List<String> ENTRIES =
            List.of(
                    MODEL,
                    HEAD,
                    Checkpoints.FOLDER,
                    MetricsFileListener.FILE_NAME,
                    Manifest.FILE_NAME);

    private RunOutput() {}

    /**
     * Readies {@code output} for a run: for a resumed run, checks that a checkpoint exists; for a
     * new run, rejects an existing run unless {@code overwrite} is set, in which case the old run's
     * entries are deleted.
     */
    static void prepare(Path output, boolean resume, boolean overwrite) throws IOException {
        check(output, resume, overwrite);
        if (resume) {
            Checkpoints.deleteUnfinished(output);
            return;
        }
        List<Path> existing = existingEntries(output);
        if (!existing.isEmpty()) {
            LOG.info("Replacing the run in {} (--overwrite): deleting {}", output, existing);
            for (Path entry : existing) {
                AtomicFiles.deleteRecursively(entry);
            }
        }
        Files.createDirectories(output);
    }

    /**
     * Checks, without changing anything, that a run may use {@code output}: a resumed run needs a
     * completed checkpoint there, and a new run needs {@code overwrite} to replace a run.
     */
    static void check(Path output, boolean resume, boolean overwrite) throws IOException {
        if (resume) {
            if (Checkpoints.latest(output).isEmpty()) {
                throw new NoSuchFileException(
                        output.resolve(Checkpoints.FOLDER).toString(),
                        null,
                        "has no completed epoch checkpoint to resume from; start the run without"
                                + " --resume");
            }
            return;
        }
        rejectOtherArtifact(output);
        List<Path> existing = existingEntries(output);
        if (!existing.isEmpty() && !overwrite) {
            throw new FileAlreadyExistsException(
                    output.toString(),
                    null,
                    "already contains"
                            + " a fine-tuning run ("
                            + existing.get(0).getFileName()
                            + "); pass --overwrite to"
                            + " replace it, --resume to continue it, or choose another --output");
        }
    }

    /**
     * Rejects a folder whose manifest records that another command wrote it (a prepared dataset, say),
     * whatever the overwrite flag, since replacing a run there would delete that manifest.
     */
    private static void rejectOtherArtifact(Path output) throws IOException {
        if (!Files.isRegularFile(output.resolve(Manifest.FILE_NAME))) {
            return;
        }
        String kind = Manifest.readFrom(output).kind();
        if (!RunSetup.MANIFEST_KIND.equals(kind)) {
            throw new FileAlreadyExistsException(output.toString(), null, "contains a " + kind
                    + ", not a fine-tuning run; choose another --output");
        }
    }

    private static List<Path> existingEntries(Path output) {
        return ENTRIES.stream().map(output::resolve).filter(Files::exists).toList();
    }

    /** Writes the in-memory model and head as the run's final output. */
    static void writeFinal(
            Path output,
            SentenceTransformer model,
            ClassificationHead head,
            LabelMap labels,
            Manifest manifest)
            throws IOException {
        model.save(output.resolve(MODEL), true);
        // The run's manifest replaces the generic one of the save: it names the base model and
        // the data the weights were trained on.
        manifest.writeTo(output.resolve(MODEL));
        AtomicFiles.writeDirectory(
                output.resolve(HEAD),
                true,
                temporary -> {
                    head.save(temporary, labels);
                    manifest.writeTo(temporary);
                });
        manifest.writeTo(output);
    }

    /** Writes the model and head of checkpoint {@code epoch} as the run's final output. */
    static void writeFinalFromCheckpoint(Path output, int epoch, Manifest manifest)
            throws IOException {
        Path checkpoint = Checkpoints.folder(output, epoch);
        AtomicFiles.writeDirectory(
                output.resolve(MODEL),
                true,
                temporary -> {
                    copyTree(checkpoint.resolve(Checkpoints.ENCODER), temporary);
                    manifest.writeTo(temporary);
                });
        AtomicFiles.writeDirectory(
                output.resolve(HEAD),
                true,
                temporary -> {
                    copyTree(checkpoint.resolve(Checkpoints.HEAD), temporary);
                    manifest.writeTo(temporary);
                });
        manifest.writeTo(output);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        }
    }
}
