package dev.st4j.cli;

import dev.st4j.classify.BatchPredictor;
import dev.st4j.classify.ClassifierBundle;
import dev.st4j.classify.EncoderReference;
import dev.st4j.classify.PredictionInput;
import dev.st4j.model.EncodeOptions;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code st4j predict}: classifies the rows of a product CSV with a saved classifier and the
 * encoder named in its manifest, writing one output line per input row.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Classify the rows of a product CSV with a saved classifier.",
            "Embeds each row's text with the encoder the classifier was trained on (checked by the"
                    + " SHA-256 of its weights) and writes the id, predicted_label and probability"
                    + " of every input row, in input order."
        })
final class PredictCommand implements Callable<Integer> {

    static final String DEFAULT_ID_COLUMN = "uniq_id";
    static final int DEFAULT_BATCH_SIZE = EncodeOptions.DEFAULT_BATCH_SIZE;

    private static final Logger LOG = LoggerFactory.getLogger(PredictCommand.class);

    @Spec CommandSpec spec;

    @Option(names = "--classifier", required = true, paramLabel = "DIR",
            description = "Classifier folder saved by training (model.json, labels.json,"
                    + " features.json, st4j-manifest.json).")
    Path classifier;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "CSV file with a header row (plain or gzip-compressed); it needs the"
                    + " text and tabular columns the classifier was trained on.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "CSV file to write; must not exist unless --overwrite.")
    Path output;

    @Option(names = "--overwrite", description = "Replace an existing output file.")
    boolean overwrite;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Texts per encoder forward pass. Default: " + DEFAULT_BATCH_SIZE + ".")
    int batchSize = DEFAULT_BATCH_SIZE;

    @Option(names = "--id-column", paramLabel = "NAME",
            description = "Input column copied to the output to identify rows. Default: "
                    + DEFAULT_ID_COLUMN + ", or the data row number (column 'row') when the file"
                    + " has no such column.")
    String idColumn = DEFAULT_ID_COLUMN;

    @Option(names = "--encoder", paramLabel = "PATH_OR_NAME",
            description = "Where to find the classifier's encoder when the path in its manifest"
                    + " has moved; its weights must still match the manifest's SHA-256.")
    String encoder;

    @Override
    public Integer call() throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Invalid --batch-size " + batchSize
                    + ": must be at least 1");
        }
        if (!overwrite && Files.exists(output)) {
            throw new FileAlreadyExistsException(output.toString(), null,
                    "already exists; pass --overwrite to replace it");
        }
        Path parent = output.toAbsolutePath().getParent();
        if (Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("Invalid --output " + output + ": " + parent
                    + " is a file, not a folder");
        }
        try (ClassifierBundle bundle = ClassifierBundle.load(classifier)) {
            PredictionInput rows = PredictionInput.read(input, bundle.classifier().schema(),
                    idColumn, bundle.info().missingValues());
            boolean idColumnGiven = spec.commandLine().getParseResult()
                    .hasMatchedOption("--id-column");
            if (idColumnGiven && rows.idColumn() == null) {
                throw new IllegalArgumentException("Invalid --id-column '" + idColumn + "': "
                        + input + " has no such column; name one of its columns, or leave the"
                        + " option out to number the rows");
            }
            long emptyTexts = rows.texts().stream().filter(String::isEmpty).count();
            if (emptyTexts > 0) {
                LOG.warn("{} of {} rows of {} have no text in the columns {}; their predictions"
                        + " rest on the tabular columns alone", emptyTexts, rows.records().size(),
                        input, bundle.classifier().schema().textColumns());
            }
            EncoderReference reference = bundle.info().encoder();
            BatchPredictor.Result result;
            try (ClassifierEncoder embedder = ClassifierEncoder.open(encoder, reference, classifier,
                    batchSize)) {
                bundle.checkEncoder(embedder.weightsSha256(), embedder.source());
                result = BatchPredictor.predict(bundle.classifier(), rows.records(), embedder);
                LOG.info("{} of {} texts were longer than {} tokens and were truncated",
                        embedder.truncatedCount(), rows.records().size(), embedder.maxSeqLength());
            }
            Files.createDirectories(parent);
            BatchPredictor.writeCsv(output, rows.idHeader(), result.predictions(), overwrite);
            spec.commandLine().getOut().printf("Wrote %d predictions to %s%n",
                    result.predictions().size(), output);
        }
        return 0;
    }
}
