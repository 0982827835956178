package dev.st4j.model;

import java.io.IOException;
import java.nio.file.Path;

/** Opens {@link TinyModels} to tests in sub-packages. */
public final class TinyModelsAccess {

    private TinyModelsAccess() {}

    public static Path sentenceTransformer(Path dir, Architecture architecture) throws IOException {
        return TinyModels.sentenceTransformer(dir, architecture);
    }
}
