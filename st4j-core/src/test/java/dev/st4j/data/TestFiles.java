package dev.st4j.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Locates the repository's datasets and writes small CSV fixtures. */
final class TestFiles {

    static final String AMAZON =
            "datasets/amazon-2020-first1999/"
                    + "marketing_sample_for_amazon_com-ecommerce__20200101_20200131__"
                    + "10k_data.first1999rows.csv.gz";
    static final String PRICERUNNER =
            "datasets/pricerunner-product-titles/pricerunner_aggregate.csv.gz";

    private TestFiles() {}

    /** Resolves a path relative to the repository root, which contains {@code datasets/}. */
    static Path repoFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("datasets"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "No datasets/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve(relative);
    }

    static Path write(Path dir, String name, String content) throws IOException {
        return writeBytes(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path writeBytes(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    static Path writeGzip(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
