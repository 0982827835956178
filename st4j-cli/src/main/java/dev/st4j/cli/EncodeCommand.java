package dev.st4j.cli;

import dev.st4j.model.EmbeddedModel;
import dev.st4j.model.EmbeddingFiles;
import dev.st4j.model.EncodeOptions;
import dev.st4j.model.EncodeResult;
import dev.st4j.model.ModelResolver;
import dev.st4j.model.PoolingMode;
import dev.st4j.model.SentenceTransformer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "encode",
        mixinStandardHelpOptions = true,
        description = "Encodes a text file, one text per line, into sentence embeddings: one output"
                + " row per input line, in input order.")
final class EncodeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME|PATH",
            description = "Embedded model (all-minilm-l6-v2, bge-small-en-v1.5, e5-small-v2), model"
                    + " folder, or Hugging Face id (downloaded only with ST4J_OFFLINE=false)."
                    + " Default: ${DEFAULT-VALUE}.")
    String model = EmbeddedModel.DEFAULT.shortName();

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "UTF-8 text file with one text per line; empty lines are encoded too.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Embeddings file; the extension picks the format: .tsv (tab-separated"
                    + " floats), .npy (float32 [lines, dimension]) or .jsonl.")
    Path output;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Texts per forward pass. Default: ${DEFAULT-VALUE}.")
    int batchSize = EncodeOptions.DEFAULT_BATCH_SIZE;

    @Option(names = "--max-seq-length", paramLabel = "N",
            description = "Token limit per text; 0 uses the model's max_seq_length. Longer texts"
                    + " are truncated and counted. Default: ${DEFAULT-VALUE}.")
    int maxSeqLength;

    @Option(names = "--pooling", paramLabel = "MODE",
            description = "Pooling for a plain Hugging Face checkpoint without modules.json: mean,"
                    + " cls or max. Default: mean.")
    String pooling;

    @Option(names = "--normalize",
            description = "L2-normalise embeddings even when the model has no Normalize module.")
    boolean normalize;

    @Option(names = "--no-progress", description = "Hide the progress bar; it is also"
            + " hidden when the output is not a terminal.")
    boolean noProgress;

    @Option(names = "--overwrite", description = "Replace the output file if it exists.")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
        EmbeddingFiles.Format.of(output);
        if (!overwrite && Files.exists(output)) {
            throw new FileAlreadyExistsException(output.toString(), null,
                    "already exists; pass --overwrite to replace it");
        }
        PoolingMode poolingMode = pooling == null ? null : PoolingMode.parse(pooling);
        EncodeOptions options = new EncodeOptions(batchSize, maxSeqLength, normalize,
                !noProgress && System.console() != null);
        List<String> texts = readLines(input);
        Path folder = ModelResolver.resolve(model);
        EncodeResult result;
        int limit;
        int dimension;
        long started;
        try (SentenceTransformer transformer = SentenceTransformer.load(folder, poolingMode)) {
            started = System.nanoTime();
            result = transformer.encode(texts, options);
            limit = maxSeqLength > 0 ? Math.min(maxSeqLength, transformer.maxSequenceLimit())
                    : transformer.maxSeqLength();
            dimension = transformer.dimension();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        EmbeddingFiles.write(output, result.embeddings(), overwrite);
        spec.commandLine().getOut().printf("Encoded %d %s with %s (dimension %d) in %.1f s into"
                + " %s; %d of them truncated to %d tokens%n", texts.size(),
                texts.size() == 1 ? "text" : "texts", model, dimension, seconds, output,
                result.truncatedCount(), limit);
        return 0;
    }

    /**
     * Reads one text per line (LF or CRLF), rejecting invalid UTF-8 with its line number and an
     * input without lines.
     */
    private static List<String> readLines(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "input file not found");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            try {
                lines.add(decoder.decode(ByteBuffer.wrap(bytes, start, stop - start)).toString());
            } catch (CharacterCodingException e) {
                throw new IOException("Input file " + file + ": line " + (lines.size() + 1)
                        + " is not valid UTF-8; save the file as UTF-8", e);
            }
            start = end + 1;
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("Input file " + file + " is empty; it needs one"
                    + " text per line");
        }
        return lines;
    }
}
