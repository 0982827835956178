package dev.st4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HexFormat;

/**
 * UTF-8 reader that reports invalid byte sequences instead of replacing them silently.
 *
 * <p>The decoder runs with {@link CodingErrorAction#REPORT}. Each invalid sequence is replaced by
 * {@link #MARK} and queued with its byte offset, so the CSV parser keeps its place and the caller
 * can name the row and column that hold the bad bytes. {@code MARK} is a lone low surrogate, which
 * no valid UTF-8 input can decode to. A leading byte order mark is dropped.
 */
final class StrictUtf8Reader extends Reader {

    /** Stands in for one invalid byte sequence in the decoded text. */
    static final char MARK = '\uDFFF';

    private static final int BUFFER_SIZE = 1 << 16;

    /** One invalid byte sequence: where it starts in the decoded stream and what it was. */
    record InvalidSequence(long byteOffset, long line, String hexBytes) {}

    private final InputStream in;
    private final CharsetDecoder decoder =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();
    private final ArrayDeque<InvalidSequence> invalid = new ArrayDeque<>();

    /** Offset in the decoded byte stream of {@code bytes}' element 0. */
    private long bufferStartOffset;

    /** 1-based line of the next decoded character, counting LF line ends. */
    private long line = 1;

    private boolean endOfInput;
    private boolean flushed;
    private boolean atStart = true;

    StrictUtf8Reader(InputStream in) {
        this.in = in;
    }

    /** Removes and returns the oldest invalid sequence not yet claimed, or null. */
    InvalidSequence pollInvalid() {
        return invalid.poll();
    }

    boolean hasPendingInvalid() {
        return !invalid.isEmpty();
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int count = Math.min(length, chars.remaining());
        chars.get(target, offset, count);
        return count;
    }

    /** Decodes the next block into {@code chars}; returns false at the end of the input. */
    private boolean fill() throws IOException {
        chars.clear();
        while (chars.position() == 0) {
            if (flushed) {
                break;
            }
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                if (!chars.hasRemaining()) {
                    break; // the decoder reports the same sequence again on the next fill
                }
                recordInvalid(result.length());
            } else if (result.isUnderflow()) {
                if (endOfInput) {
                    decoder.flush(chars);
                    flushed = true;
                } else {
                    readMoreBytes();
                }
            }
            // An overflow leaves a full buffer, which ends the loop.
        }
        countLines();
        chars.flip();
        if (atStart && chars.hasRemaining()) {
            atStart = false;
            if (chars.get(0) == '\uFEFF') {
                chars.get();
            }
        }
        return chars.hasRemaining();
    }

    private void recordInvalid(int length) {
        long newlines = 0;
        for (int i = 0; i < chars.position(); i++) {
            if (chars.get(i) == '\n') {
                newlines++;
            }
        }
        byte[] sequence = new byte[length];
        bytes.get(sequence);
        long offset = bufferStartOffset + bytes.position() - length;
        invalid.add(
                new InvalidSequence(
                        offset,
                        line + newlines,
                        HexFormat.ofDelimiter(" ")
                                .withPrefix("0x")
                                .withUpperCase()
                                .formatHex(sequence)));
        chars.put(MARK);
    }

    private void readMoreBytes() throws IOException {
        bufferStartOffset += bytes.position();
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private void countLines() {
        for (int i = 0; i < chars.position(); i++) {
            if (chars.get(i) == '\n') {
                line++;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
