package dev.st4j.classify;

import java.nio.file.Path;

/**
 * The sentence encoder a classifier's embedding columns came from, and how it was called,
 * recorded in the classifier's manifest so prediction embeds new texts the same way and can
 * prove by hash that it uses the same weights.
 *
 * @param name model name or hub id as the user gave it (used for resolving when {@code path} is
 *     absent or moved), or {@code null}
 * @param path the encoder folder the embeddings were made with, absolute or relative to the
 *     classifier's folder, or {@code null}
 * @param weightsSha256 SHA-256 of the encoder's weights, compared at prediction time
 * @param maxSeqLength token limit the texts were truncated to, or 0 for the encoder's own
 * @param normalize whether the embeddings were L2-normalised on top of what the encoder does
 */
public record EncoderReference(
        String name, String path, String weightsSha256, int maxSeqLength, boolean normalize) {

    public EncoderReference {
        if (weightsSha256 == null || weightsSha256.isBlank()) {
            throw new IllegalArgumentException("The encoder's weightsSha256 is required so a"
                    + " classifier can check it is used with the encoder it was trained on");
        }
        if (name == null && path == null) {
            throw new IllegalArgumentException("An encoder reference needs a name or a path");
        }
        if (maxSeqLength < 0) {
            throw new IllegalArgumentException("maxSeqLength must be 0 (the encoder's own) or"
                    + " positive, got " + maxSeqLength);
        }
    }

    /** Returns the path when there is one, else the name: the value to resolve the encoder by. */
    public String locator() {
        return path != null ? path : name;
    }

    /**
     * Returns the encoder folder for a classifier saved in {@code classifierFolder}: the path
     * itself when absolute, else resolved against that folder; {@code null} without a path.
     */
    public Path folder(Path classifierFolder) {
        if (path == null) {
            return null;
        }
        Path recorded = Path.of(path);
        return recorded.isAbsolute() ? recorded : classifierFolder.resolve(recorded).normalize();
    }
}
