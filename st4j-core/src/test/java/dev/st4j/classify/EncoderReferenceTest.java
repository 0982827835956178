package dev.st4j.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EncoderReferenceTest {

    private static final String SHA = "ab".repeat(32);

    @Test
    void relativePathResolvesAgainstClassifier() {
        EncoderReference reference = new EncoderReference("m", "../finetuned/model", SHA, 0, false);

        assertEquals(Path.of("/runs/m/finetuned/model"),
                reference.folder(Path.of("/runs/m/finetuned-classifier")));
    }

    @Test
    void absolutePathIsKept() {
        EncoderReference reference = new EncoderReference("m", "/models/m", SHA, 0, false);

        assertEquals(Path.of("/models/m"), reference.folder(Path.of("/runs/m/classifier")));
    }

    @Test
    void nameOnlyReferenceHasNoFolder() {
        EncoderReference reference = new EncoderReference("all-minilm-l6-v2", null, SHA, 0, false);

        assertNull(reference.folder(Path.of("/runs/classifier")));
    }
}
