package dev.st4j.eval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.st4j.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores of one classifier on a held-out split.
 *
 * @param labelsUnseenInTraining labels that occur in the evaluated rows but in no training row.
 *     The classifier cannot have learned them, so their recall is 0 by construction.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvaluationResult(ClassificationMetrics metrics, List<String> labelsUnseenInTraining) {

    public EvaluationResult {
        labelsUnseenInTraining = List.copyOf(labelsUnseenInTraining);
    }

    /** Writes this result as JSON (labels as names) to {@code file} atomically. */
    public void writeJson(Path file, boolean overwrite) throws IOException {
        Json.write(file, this, overwrite);
    }

    public static EvaluationResult readJson(Path file) throws IOException {
        return Json.read(file, EvaluationResult.class);
    }
}
