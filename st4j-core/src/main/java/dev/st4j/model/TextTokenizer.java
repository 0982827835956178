package dev.st4j.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.st4j.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Hugging Face fast tokenizer read from a {@code tokenizer.json} file, with truncation set per
 * call and padding done here, because a shipped file may pin both (the all-MiniLM-L6-v2 export
 * pads every text to 128 tokens).
 */
final class TextTokenizer implements AutoCloseable {

    /** Texts per native batchEncode call, which bounds the Java arrays held at once. */
    private static final int ENCODE_CHUNK = 4096;

    /** One tokenized text. */
    record Encoded(long[] ids, long[] typeIds, boolean truncated) {
        int length() {
            return ids.length;
        }
    }

    private final Path file;
    private final int padTokenId;
    private final boolean lowerCase;
    private final int maxTokenId;
    private final Map<Integer, HuggingFaceTokenizer> byMaxLength = new ConcurrentHashMap<>();

    /**
     * Opens {@code tokenizer.json}.
     *
     * @param lowerCase whether to lower-case texts first (sentence-transformers' do_lower_case)
     * @throws ModelLoadException when the file is missing or unreadable
     */
    TextTokenizer(Path file, int padTokenId, boolean lowerCase) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file + " is missing: st4j needs the fast-tokenizer file;"
                    + " in Python, AutoTokenizer.from_pretrained(folder).save_pretrained(folder)"
                    + " writes it");
        }
        this.file = file;
        this.padTokenId = padTokenId;
        this.lowerCase = lowerCase;
        this.maxTokenId = readMaxTokenId(file);
        tokenizer(16); // fail on load, not on the first encode, when the file is malformed
    }

    /** Largest token id the tokenizer can produce (vocabulary and added tokens). */
    int maxTokenId() {
        return maxTokenId;
    }

    int padTokenId() {
        return padTokenId;
    }

    /** Tokenizes texts with special tokens, cut to {@code maxLength} tokens, without padding. */
    List<Encoded> encode(List<String> texts, int maxLength) {
        HuggingFaceTokenizer tokenizer = tokenizer(maxLength);
        List<Encoded> rows = new ArrayList<>(texts.size());
        for (int start = 0; start < texts.size(); start += ENCODE_CHUNK) {
            List<String> chunk = texts.subList(start, Math.min(texts.size(), start + ENCODE_CHUNK));
            List<String> prepared = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                String text = chunk.get(i);
                if (text == null) {
                    throw new IllegalArgumentException("Text " + (start + i) + " is null");
                }
                prepared.add(lowerCase ? text.toLowerCase(Locale.ROOT) : text);
            }
            for (Encoding encoding : tokenizer.batchEncode(prepared)) {
                rows.add(new Encoded(encoding.getIds(), encoding.getTypeIds(),
                        encoding.exceedMaxLength()));
            }
        }
        return rows;
    }

    /** Pads rows on the right to the longest one. */
    TokenBatch pad(List<Encoded> rows) {
        int longest = 0;
        int truncated = 0;
        for (Encoded row : rows) {
            longest = Math.max(longest, row.length());
            truncated += row.truncated() ? 1 : 0;
        }
        long[][] ids = new long[rows.size()][longest];
        long[][] mask = new long[rows.size()][longest];
        long[][] types = new long[rows.size()][longest];
        for (int r = 0; r < rows.size(); r++) {
            Encoded row = rows.get(r);
            System.arraycopy(row.ids(), 0, ids[r], 0, row.length());
            System.arraycopy(row.typeIds(), 0, types[r], 0, row.length());
            java.util.Arrays.fill(ids[r], row.length(), longest, padTokenId);
            java.util.Arrays.fill(mask[r], 0, row.length(), 1L);
        }
        return new TokenBatch(ids, mask, types, truncated);
    }

    private HuggingFaceTokenizer tokenizer(int maxLength) {
        return byMaxLength.computeIfAbsent(maxLength, length -> {
            try {
                return HuggingFaceTokenizer.builder()
                        .optTokenizerPath(file)
                        .optAddSpecialTokens(true)
                        .optTruncation(true)
                        .optMaxLength(length)
                        .optPadding(false)
                        .build();
            } catch (IOException | RuntimeException e) {
                throw new ModelLoadException("Failed to read tokenizer " + file + ": " + e.getMessage(), e);
            }
        });
    }

    private static int readMaxTokenId(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file + ": " + e.getMessage(), e);
        }
        int max = -1;
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isArray()) {
            max = vocab.size() - 1; // Unigram: [[piece, score], ...] indexed by id
        } else {
            for (Iterator<JsonNode> it = vocab.elements(); it.hasNext(); ) {
                max = Math.max(max, it.next().asInt());
            }
        }
        for (JsonNode added : root.path("added_tokens")) {
            max = Math.max(max, added.path("id").asInt());
        }
        if (max < 0) {
            throw new ModelLoadException(file + ": no vocabulary found under model.vocab");
        }
        return max;
    }

    @Override
    public void close() {
        byMaxLength.values().forEach(HuggingFaceTokenizer::close);
        byMaxLength.clear();
    }
}
