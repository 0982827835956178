package dev.st4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text, label and feature extraction and the handling of bad rows. */
class DatasetPreparerTest {

    private static final String HEADER =
            "Uniq Id,Product Name,About Product,Product Specification,"
                    + "Technical Details,Category,Selling Price,Model Number,Is Amazon Seller\n";

    @TempDir Path dir;

    private PrepareConfig.Builder config(String csvBody) throws IOException {
        return PrepareConfig.builder().input(TestFiles.write(dir, "in.csv", HEADER + csvBody));
    }

    private static PreparedDataset prepare(PrepareConfig.Builder builder) throws IOException {
        return PreparedDataset.prepareInMemory(builder.build());
    }

    private static Record byId(PreparedDataset dataset, String id) {
        return dataset.all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void textSkipsEmptyCellsWithoutDoubleSpaces() throws IOException {
        PreparedDataset dataset =
                prepare(
                        config(
                                """
                                a,  Name ,,"Spec
                                two lines",  Tech  ,Toys,$1,,Y
                                b,,,,,Toys,$1,,Y
                                c,Only name,"",  ,,Toys,$1,,Y
                                """));
        assertEquals("Name Spec\ntwo lines Tech", byId(dataset, "a").text());
        assertEquals("", byId(dataset, "b").text());
        assertEquals("Only name", byId(dataset, "c").text());
        assertEquals(1, dataset.report().emptyTexts());
    }

    @Test
    void nanIsTextUnlessListedAsMissing() throws IOException {
        String body = "a,nan,NA,x,,Toys,nan,NA,Y\n";
        Record asText = prepare(config(body)).all().get(0);
        assertEquals("nan NA x", asText.text());
        assertEquals("NA", asText.categorical()[0]);
        assertTrue(Double.isNaN(asText.numeric()[0]));

        Record asMissing = prepare(config(body).missingValues(List.of("nan", "NA"))).all().get(0);
        assertEquals("x", asMissing.text());
        assertNull(asMissing.categorical()[0]);
        PreparedDataset dataset = prepare(config(body).missingValues(List.of("nan", "NA")));
        assertEquals(1, dataset.report().numeric().get("selling_price").missing());
        assertEquals(0, dataset.report().numeric().get("selling_price").unparsed());
    }

    @Test
    void labelIsTrimmedFirstSegment() throws IOException {
        PreparedDataset dataset =
                prepare(
                        config(
                                """
                                a,x,,,,"  Clothing, Shoes & Jewelry | Women | Dresses ",$1,,Y
                                b,x,,,,Électronique & Café\u00a0|x,$1,,Y
                                c,x,,,,   ,$1,,Y
                                d,x,,,, | Toys,$1,,Y
                                """));
        assertEquals("Clothing, Shoes & Jewelry", byId(dataset, "a").label());
        assertEquals("Électronique & Café", byId(dataset, "b").label());
        assertEquals(2, dataset.report().skipped().get("empty_label"));
        assertEquals(
                List.of("Clothing, Shoes & Jewelry", "Électronique & Café"),
                dataset.labels().names());
    }

    @Test
    void labelLevelPicksSegmentAndCountsShortPaths() throws IOException {
        PreparedDataset dataset =
                prepare(
                        config(
                                        """
                                        a,x,,,,Toys & Games | Puzzles | Jigsaw,$1,,Y
                                        b,x,,,,Toys & Games,$1,,Y
                                        c,x,,,,Toys & Games | Dolls,$1,,Y
                                        """)
                                .labelLevel(2));
        assertEquals("Puzzles", byId(dataset, "a").label());
        assertEquals("Dolls", byId(dataset, "c").label());
        assertEquals(1, dataset.report().skipped().get("label_level_missing"));
        assertEquals(
                List.of(
                        "line 3, column 'category': label 'Toys & Games' has 1 '|'-separated"
                                + " segments, fewer than --label-level 2"),
                dataset.report().skippedExamples().get("label_level_missing"));
    }

    @Test
    void categoricalKeepsLeadingZeros() throws IOException {
        PreparedDataset dataset =
                prepare(
                        config(
                                """
                                a,x,,,,Toys,$5.00,01-0121,Y
                                b,x,,,,Toys,$0.00, 007 ,N
                                c,x,,,,Toys,,,
                                """));
        assertEquals(List.of("01-0121", "Y"), List.of(byId(dataset, "a").categorical()));
        assertEquals(List.of("007", "N"), List.of(byId(dataset, "b").categorical()));
        assertNull(byId(dataset, "c").categorical()[0]);
        assertNull(byId(dataset, "c").categorical()[1]);
        assertEquals(0.0, byId(dataset, "b").numeric()[0]);
        assertTrue(Double.isNaN(byId(dataset, "c").numeric()[0]));
        assertEquals(1L, dataset.report().categoricalMissing().get("model_number"));
        assertEquals(1L, dataset.report().categoricalMissing().get("is_amazon_seller"));
    }

    @Test
    void missingColumnNamesColumnAndOption() throws IOException {
        PrepareConfig.Builder builder = config("a,x,,,,Toys,$1,,Y\n").labelColumn("Main Category");
        DataFileException error = assertThrows(DataFileException.class, () -> prepare(builder));
        assertEquals("main_category", error.column());
        assertTrue(error.getMessage().contains("--label-column"), error.getMessage());
        assertTrue(error.getMessage().contains("in.csv"), error.getMessage());
    }

    @Test
    void raggedRowStopsStrictRun() throws IOException {
        PrepareConfig.Builder builder = config("a,x,,,,Toys,$1,,Y\nb,x,,,,Toys,$1\n");
        DataFileException error = assertThrows(DataFileException.class, () -> prepare(builder));
        assertEquals(3, error.line());
        assertEquals("model_number", error.column());
        assertEquals(SkipReason.WRONG_FIELD_COUNT, error.reason());
    }

    @Test
    void lenientRunCountsSkippedRows() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(
                (HEADER + "a,x,,,,Toys,$1,,Y\nb,x,,,,Toys,$1\nc,bad ")
                        .getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes(
                ",,,,Toys,$1,,Y\n,x,,,,Toys,$1,,Y\na,dup,,,,Toys,$1,,Y\nf,x,,,,,$1,,Y\n"
                        .getBytes(StandardCharsets.UTF_8));
        Path file = TestFiles.writeBytes(dir, "bad.csv", bytes.toByteArray());
        PrepareConfig.Builder builder = PrepareConfig.builder().input(file);

        DataFileException strict = assertThrows(DataFileException.class, () -> prepare(builder));
        assertEquals(SkipReason.WRONG_FIELD_COUNT, strict.reason());

        PrepareReport report = prepare(builder.lenient(true)).report();
        assertEquals(6, report.rowsRead());
        assertEquals(1, report.rowsKept());
        assertEquals(1, report.skipped().get("wrong_field_count"));
        assertEquals(1, report.skipped().get("invalid_utf8"));
        assertEquals(1, report.skipped().get("missing_id"));
        assertEquals(1, report.skipped().get("duplicate_id"));
        assertEquals(1, report.skipped().get("empty_label"));
        assertEquals(
                List.of(
                        "line 4, column 'product_name': contains bytes that are not valid UTF-8"
                            + " (0xFF at byte offset 167, line 4); re-encode the file as UTF-8, or"
                            + " pass --lenient to skip such rows"),
                report.skippedExamples().get("invalid_utf8"));
    }

    @Test
    void duplicateIdStopsStrictRun() throws IOException {
        PrepareConfig.Builder builder = config("a,x,,,,Toys,$1,,Y\na,y,,,,Toys,$1,,Y\n");
        DataFileException error = assertThrows(DataFileException.class, () -> prepare(builder));
        assertEquals(SkipReason.DUPLICATE_ID, error.reason());
        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
    }

    @Test
    void rowNumberIsIdWithoutIdColumn() throws IOException {
        Path file = TestFiles.write(dir, "noid.csv", "Name,Category\nx,A\ny,,\nz,B\n");
        PreparedDataset dataset =
                PreparedDataset.prepareInMemory(
                        PrepareConfig.builder()
                                .input(file)
                                .textColumns(List.of("name"))
                                .numericColumns(List.of())
                                .categoricalColumns(List.of())
                                .lenient(true)
                                .build());
        assertEquals(List.of("1", "3"), dataset.all().stream().map(Record::id).toList());
        assertEquals(1, dataset.report().skipped().get("wrong_field_count"));
    }

    @Test
    void headerlessFileWithNamedColumns() throws IOException {
        Path file =
                TestFiles.write(
                        dir,
                        "pr.csv",
                        """
1,apple iphone 8 plus 64gb silver,1,1,Apple iPhone 8 Plus 64GB,2612,Mobile Phones
2,bosch serie 4 kgv39vl31g,2,7,Bosch KGV39VL31G,2615,Fridge Freezers
""");
        PreparedDataset dataset =
                PreparedDataset.prepareInMemory(
                        PrepareConfig.builder()
                                .input(file)
                                .header(false)
                                .columns(
                                        List.of(
                                                "product_id",
                                                "product_title",
                                                "vendor_id",
                                                "cluster_id",
                                                "cluster_label",
                                                "category_id",
                                                "category_label"))
                                .textColumns(List.of("product_title"))
                                .labelColumn("category_label")
                                .idColumn("product_id")
                                .numericColumns(List.of())
                                .categoricalColumns(List.of("vendor_id"))
                                .groupColumn("cluster_id")
                                .build());
        Record second = byId(dataset, "2");
        assertEquals("bosch serie 4 kgv39vl31g", second.text());
        assertEquals("Fridge Freezers", second.label());
        assertEquals("7", second.group());
        assertEquals(List.of("2"), List.of(second.categorical()));
        assertEquals(2, second.row());
    }

    @Test
    void tokenCounterReportsLongTexts() throws IOException {
        PrepareConfig config =
                config(
                                """
                                a,one two three,,,,Toys,$1,,Y
                                b,one,,,,Toys,$1,,Y
                                c,one two three four,,,,Toys,$1,,Y
                                d,one two,,,,Toys,$1,,Y
                                """)
                        .output(dir.resolve("out"))
                        .build();
        PrepareReport report =
                new DatasetPreparer(text -> text.split(" ").length, 2).prepare(config);
        assertEquals(new PrepareReport.OverMaxLength(2, 2, 0.5), report.textsOverMaxSeqLength());
        PreparedDataset inMemory =
                PreparedDataset.prepareInMemory(
                        config, new DatasetPreparer(text -> text.split(" ").length, 3));
        assertEquals(
                new PrepareReport.OverMaxLength(3, 1, 0.25),
                inMemory.report().textsOverMaxSeqLength());
        assertNull(
                new DatasetPreparer()
                        .prepare(config.toBuilder().overwrite(true).build())
                        .textsOverMaxSeqLength());
    }

    @Test
    void textLengthsCountCodePoints() throws IOException {
        PreparedDataset dataset =
                prepare(
                        config(
                                """
                                a,ab,,,,Toys,$1,,Y
                                b,👍👍👍👍,,,,Toys,$1,,Y
                                c,abcdefghij,,,,Toys,$1,,Y
                                """));
        PrepareReport.Lengths lengths = dataset.report().textLengthChars();
        assertEquals(2, lengths.min());
        assertEquals(4.0, lengths.median());
        assertEquals(8.8, lengths.p90(), 1e-9);
        assertEquals(10, lengths.max());
    }

    @Test
    void overwriteReplacesPreparedFolder() throws IOException {
        PrepareConfig config = config("a,one,,,,Toys,$1,,Y\n").output(dir.resolve("out")).build();
        new DatasetPreparer().prepare(config);

        new DatasetPreparer().prepare(config.toBuilder().overwrite(true).build());

        assertTrue(Files.isRegularFile(dir.resolve("out").resolve(PreparedFiles.RECORDS)));
    }

    @Test
    void overwriteRejectsFolderWithOtherFiles() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path notes = Files.writeString(out.resolve("notes.txt"), "keep me");
        PrepareConfig config = config("a,one,,,,Toys,$1,,Y\n").output(out).overwrite(true).build();

        FileAlreadyExistsException error = assertThrows(FileAlreadyExistsException.class,
                () -> new DatasetPreparer().prepare(config));

        assertTrue(error.getMessage().contains("notes.txt"), error.getMessage());
        assertEquals("keep me", Files.readString(notes));
    }

    @Test
    void overwriteRejectsOutputHoldingInput() throws IOException {
        PrepareConfig config = config("a,one,,,,Toys,$1,,Y\n").output(dir).overwrite(true).build();

        FileAlreadyExistsException error = assertThrows(FileAlreadyExistsException.class,
                () -> new DatasetPreparer().prepare(config));

        assertTrue(error.getMessage().contains("in.csv"), error.getMessage());
        assertTrue(Files.isRegularFile(dir.resolve("in.csv")));
    }
}
