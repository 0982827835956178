package dev.st4j.classify;

/**
 * The sentence encoder a classifier's embedding columns came from, recorded in the classifier's
 * manifest so prediction loads the same encoder and can prove it by hash.
 *
 * @param name model name or hub id as the user gave it (used for resolving when {@code path} is
 *     absent or moved), or {@code null}
 * @param path the encoder folder the embeddings were made with, or {@code null}
 * @param weightsSha256 SHA-256 of the encoder's weights, compared at prediction time
 * @param maxSequenceLength token limit the texts were truncated to, or {@code null} for the
 *     encoder's own default
 */
public record EncoderReference(
        String name, String path, String weightsSha256, Integer maxSequenceLength) {

    public EncoderReference {
        if (weightsSha256 == null || weightsSha256.isBlank()) {
            throw new IllegalArgumentException("The encoder's weightsSha256 is required so a"
                    + " classifier can check it is used with the encoder it was trained on");
        }
        if (name == null && path == null) {
            throw new IllegalArgumentException("An encoder reference needs a name or a path");
        }
    }

    /** Returns the path when there is one, else the name: what a resolver should be given. */
    public String locator() {
        return path != null ? path : name;
    }
}
