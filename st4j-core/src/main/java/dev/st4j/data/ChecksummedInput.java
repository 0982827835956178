package dev.st4j.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * The decoded bytes of a plain or gzip-compressed file, with SHA-256 digests of the file as stored
 * and of the decoded content. Gzip is recognised by its magic bytes, not by the name.
 */
final class ChecksummedInput {

    private static final int GZIP_MAGIC = 0x8b1f;
    private static final int BUFFER_SIZE = 1 << 16;

    private final DigestInputStream fileDigest;
    private final DigestInputStream contentDigest;
    private String fileSha256;
    private String contentSha256;

    private ChecksummedInput(InputStream raw) throws IOException {
        this.fileDigest = new DigestInputStream(raw, PreparedFiles.newDigest());
        BufferedInputStream buffered = new BufferedInputStream(fileDigest, BUFFER_SIZE);
        InputStream decoded =
                isGzip(buffered) ? new GZIPInputStream(buffered, BUFFER_SIZE) : buffered;
        this.contentDigest = new DigestInputStream(decoded, PreparedFiles.newDigest());
    }

    static ChecksummedInput open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null,
                    "is a folder; pass the CSV file inside it to --input");
        }
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(
                    file.toString(), null, "input file not found; check --input");
        }
        try {
            return new ChecksummedInput(raw);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Returns the decoded content; closing it closes the file. */
    InputStream content() {
        return contentDigest;
    }

    /** Completes both digests once the content was read to its end. */
    void finish() throws IOException {
        if (fileSha256 != null) {
            return;
        }
        contentSha256 = HexFormat.of().formatHex(contentDigest.getMessageDigest().digest());
        // Bytes after the last gzip member are not decoded, but they are part of the file.
        byte[] rest = new byte[BUFFER_SIZE];
        while (fileDigest.read(rest) >= 0) {
            // reading only feeds the digest
        }
        fileSha256 = HexFormat.of().formatHex(fileDigest.getMessageDigest().digest());
    }

    /** Returns the SHA-256 of the file as stored, or null before {@link #finish()}. */
    String fileSha256() {
        return fileSha256;
    }

    /** Returns the SHA-256 of the decoded content, or null before {@link #finish()}. */
    String contentSha256() {
        return contentSha256;
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first >= 0 && second >= 0 && (first | (second << 8)) == GZIP_MAGIC;
    }
}
