package dev.st4j.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.st4j.io.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

class RunOutputTest {

    @Test
    void existingRunIsKeptWithoutOverwrite(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(MetricsFileListener.FILE_NAME), "{}\n");
        FileAlreadyExistsException e =
                assertThrows(
                        FileAlreadyExistsException.class,
                        () -> RunOutput.prepare(dir, false, false));
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        assertTrue(Files.exists(dir.resolve(MetricsFileListener.FILE_NAME)));
    }

    @Test
    void overwriteDeletesOnlyRunEntries(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("checkpoints/epoch-1"));
        Files.writeString(dir.resolve(MetricsFileListener.FILE_NAME), "{}\n");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        RunOutput.prepare(dir, false, true);
        assertFalse(Files.exists(dir.resolve("checkpoints")));
        assertFalse(Files.exists(dir.resolve(MetricsFileListener.FILE_NAME)));
        assertTrue(Files.exists(dir.resolve("notes.txt")));
    }

    @Test
    void resumeDeletesInterruptedCheckpointWrites(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("checkpoints/epoch-1"));
        Files.writeString(dir.resolve("checkpoints/epoch-1/trainer_state.json"), "{}");
        Files.createDirectories(dir.resolve("checkpoints/.epoch-2.tmp-1234abcd/encoder"));
        RunOutput.prepare(dir, true, false);
        assertFalse(Files.exists(dir.resolve("checkpoints/.epoch-2.tmp-1234abcd")));
        assertTrue(Files.exists(dir.resolve("checkpoints/epoch-1")));
    }

    @Test
    void resumeNeedsACompletedCheckpoint(@TempDir Path dir) throws Exception {
        // A checkpoint folder without trainer_state.json is incomplete and does not count.
        Files.createDirectories(dir.resolve("checkpoints/epoch-1"));
        assertThrows(NoSuchFileException.class, () -> RunOutput.prepare(dir, true, false));
    }

    @Test
    void preparedDatasetFolderIsRejected(@TempDir Path dir) throws Exception {
        Manifest.of("prepared-dataset", Map.of(), Map.of()).writeTo(dir);

        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> RunOutput.prepare(dir, false, true));

        assertTrue(e.getMessage().contains("prepared-dataset"), e.getMessage());
        assertTrue(Files.exists(dir.resolve(Manifest.FILE_NAME)));
    }
}
