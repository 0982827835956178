package dev.st4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 4180 reading, encodings and row problems, each on a small fixture file. */
class CsvTableTest {

    @TempDir Path dir;

    private static List<CsvTable.Row> readAll(CsvTable table) throws IOException {
        List<CsvTable.Row> rows = new ArrayList<>();
        for (CsvTable.Row row = table.next(); row != null; row = table.next()) {
            rows.add(row);
        }
        return rows;
    }

    private List<CsvTable.Row> read(String name, byte[] content) throws IOException {
        try (CsvTable table = CsvTable.open(TestFiles.writeBytes(dir, name, content), null)) {
            return readAll(table);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void quotedNewlinesStayInOneField() throws IOException {
        List<CsvTable.Row> rows =
                read("newlines.csv", utf8("id,text\n1,\"line one\nline two\n\"\n2,plain\n"));
        assertEquals(2, rows.size());
        assertEquals(List.of("1", "line one\nline two\n"), rows.get(0).fields());
        assertEquals(2, rows.get(0).line());
        assertEquals(List.of("2", "plain"), rows.get(1).fields());
        assertEquals(5, rows.get(1).line());
        assertEquals(2, rows.get(1).row());
    }

    @Test
    void doubledQuotesAndCommasInsideQuotes() throws IOException {
        List<CsvTable.Row> rows =
                read(
                        "quotes.csv",
                        utf8(
                                "id,name\n1,\"DB Longboards CoreFlex Crossbow 41\"\" Bamboo\"\n"
                                        + "2,\"Clothing, Shoes & Jewelry\"\n3,\"\"\n"));
        assertEquals("DB Longboards CoreFlex Crossbow 41\" Bamboo", rows.get(0).fields().get(1));
        assertEquals("Clothing, Shoes & Jewelry", rows.get(1).fields().get(1));
        assertEquals("", rows.get(2).fields().get(1));
    }

    @Test
    void byteOrderMarkIsDropped() throws IOException {
        Path file = TestFiles.writeBytes(dir, "bom.csv", utf8("\uFEFFUniq Id,Name\nx,é\n"));
        try (CsvTable table = CsvTable.open(file, null)) {
            assertEquals(List.of("uniq_id", "name"), table.columns());
            assertEquals(List.of("x", "é"), table.next().fields());
        }
    }

    @Test
    void crlfLineEndsLeaveNoCarriageReturn() throws IOException {
        List<CsvTable.Row> rows = read("crlf.csv", utf8("id,text\r\n1,\"a\r\nb\"\r\n2,c\r\n3,d"));
        assertEquals(List.of("1", "a\r\nb"), rows.get(0).fields());
        assertEquals(List.of("2", "c"), rows.get(1).fields());
        assertEquals(4, rows.get(1).line());
        assertEquals(List.of("3", "d"), rows.get(2).fields());
        assertEquals(5, rows.get(2).line());
    }

    @Test
    void nonAsciiAndLongCellsSurvive() throws IOException {
        String longCell = "ü✅".repeat(500_000);
        String text = "Café 【日本】 👍 won\uFFFDt \u00a0";
        List<CsvTable.Row> rows =
                read("unicode.csv", utf8("id,text,long\n1,\"" + text + "\"," + longCell + "\n"));
        assertEquals(text, rows.get(0).fields().get(1));
        assertEquals(longCell, rows.get(0).fields().get(2));
    }

    @Test
    void columnNamesAreNormalised() throws IOException {
        Path file = TestFiles.write(dir, "names.csv", " Uniq  Id ,Selling Price,CATEGORY\n1,2,3\n");
        try (CsvTable table = CsvTable.open(file, null)) {
            assertEquals(List.of("uniq_id", "selling_price", "category"), table.columns());
            assertEquals(1, table.indexOf("selling_price"));
            assertEquals(-1, table.indexOf("Selling Price"));
        }
    }

    @Test
    void duplicateColumnNamesAreRejected() throws IOException {
        Path file = TestFiles.write(dir, "dup.csv", "Name,name \n1,2\n");
        DataFileException error =
                assertThrows(DataFileException.class, () -> CsvTable.open(file, null));
        assertEquals("name", error.column());
        assertEquals(1, error.line());
    }

    @Test
    void headerlessFileUsesGivenNames() throws IOException {
        Path file =
                TestFiles.write(
                        dir,
                        "noheader.csv",
                        "1,apple iphone 8,Mobile Phones\n2,bosch fridge,Fridges\n");
        try (CsvTable table =
                CsvTable.open(file, List.of("Product ID", "product_title", "category_label"))) {
            assertEquals(List.of("product_id", "product_title", "category_label"), table.columns());
            List<CsvTable.Row> rows = readAll(table);
            assertEquals(2, rows.size());
            assertEquals(1, rows.get(0).line());
            assertEquals(List.of("2", "bosch fridge", "Fridges"), rows.get(1).fields());
        }
    }

    @Test
    void givenNamesMustBeUniqueAndNonEmpty() throws IOException {
        Path file = TestFiles.write(dir, "noheader2.csv", "1,2,3\n");
        DataFileException duplicate =
                assertThrows(
                        DataFileException.class, () -> CsvTable.open(file, List.of("a", "B", "b")));
        assertEquals("b", duplicate.column());
        DataFileException empty =
                assertThrows(
                        DataFileException.class, () -> CsvTable.open(file, List.of("a", " ", "c")));
        assertTrue(empty.getMessage().contains("column 2 has an empty name"), empty.getMessage());
    }

    @Test
    void invalidUtf8NamesLineAndColumn() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8("id,name,about\n1,ok,fine\n2,\"two\nlines\",bad "));
        bytes.write(0xC3);
        bytes.write(0x28);
        bytes.writeBytes(utf8(" here\n3,ok,fine\n"));
        List<CsvTable.Row> rows = read("invalid.csv", bytes.toByteArray());

        assertNull(rows.get(0).problem());
        DataFileException problem = rows.get(1).problem();
        assertEquals(SkipReason.INVALID_UTF8, problem.reason());
        assertEquals(3, problem.line());
        assertEquals("about", problem.column());
        assertTrue(problem.getMessage().contains("invalid.csv"), problem.getMessage());
        assertTrue(problem.getMessage().contains("0xC3"), problem.getMessage());
        assertNull(rows.get(2).problem());
        assertEquals(List.of("3", "ok", "fine"), rows.get(2).fields());
    }

    @Test
    void truncatedUtf8AtEndIsInvalid() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8("id,name\n1,caf"));
        bytes.write(0xC3);
        List<CsvTable.Row> rows = read("truncated.csv", bytes.toByteArray());
        assertEquals(SkipReason.INVALID_UTF8, rows.get(0).problem().reason());
        assertEquals("name", rows.get(0).problem().column());
    }

    @Test
    void raggedRowsNameTheMissingColumn() throws IOException {
        List<CsvTable.Row> rows =
                read("ragged.csv", utf8("id,name,category\n1,a\n2,b,c,d\n3,c,e\n"));
        DataFileException fewer = rows.get(0).problem();
        assertEquals(SkipReason.WRONG_FIELD_COUNT, fewer.reason());
        assertEquals("category", fewer.column());
        assertEquals(2, fewer.line());
        DataFileException more = rows.get(1).problem();
        assertEquals(SkipReason.WRONG_FIELD_COUNT, more.reason());
        assertEquals(3, more.line());
        assertTrue(
                more.getMessage().contains("4 fields but there are 3 columns"), more.getMessage());
        assertNull(rows.get(2).problem());
    }

    @Test
    void unterminatedQuoteStopsTheRead() throws IOException {
        Path file = TestFiles.write(dir, "open.csv", "id,name\n1,a\n2,\"never closed\n3,b\n");
        try (CsvTable table = CsvTable.open(file, null)) {
            table.next();
            DataFileException error = assertThrows(DataFileException.class, table::next);
            assertNull(error.reason());
            assertEquals(3, error.line());
        }
    }

    @Test
    void blankLinesAreNotRows() throws IOException {
        Path file = TestFiles.write(dir, "blank.csv", "id,name\n1,a\n\n2,b\n\n");
        try (CsvTable table = CsvTable.open(file, null)) {
            List<CsvTable.Row> rows = readAll(table);
            assertEquals(2, rows.size());
            assertEquals(4, rows.get(1).line());
            assertEquals(2, rows.get(1).row());
            assertEquals(2, table.blankLines());
        }
    }

    @Test
    void gzipIsReadLikePlainText() throws IOException {
        String content = "id,name\n1,\"a, b\"\n2,ü\n";
        Path plain = TestFiles.write(dir, "plain.csv", content);
        Path gzip = TestFiles.writeGzip(dir, "packed.csv.gz", content);
        try (CsvTable a = CsvTable.open(plain, null);
                CsvTable b = CsvTable.open(gzip, null)) {
            List<CsvTable.Row> plainRows = readAll(a);
            List<CsvTable.Row> gzipRows = readAll(b);
            assertEquals(plainRows.size(), gzipRows.size());
            for (int i = 0; i < plainRows.size(); i++) {
                assertEquals(plainRows.get(i).fields(), gzipRows.get(i).fields());
            }
            assertEquals(a.contentSha256(), b.contentSha256());
            assertEquals(a.fileSha256(), a.contentSha256());
            assertNotEquals(b.fileSha256(), b.contentSha256());
        }
    }

    @Test
    void truncatedGzipIsReadError() throws IOException {
        StringBuilder content = new StringBuilder("id,name\n");
        for (int i = 0; i < 20_000; i++) {
            content.append(i).append(",name ").append(i * 7919 % 10007).append('\n');
        }
        byte[] packed =
                Files.readAllBytes(TestFiles.writeGzip(dir, "full.csv.gz", content.toString()));
        Path cut =
                TestFiles.writeBytes(dir, "cut.csv.gz", Arrays.copyOf(packed, packed.length / 2));
        try (CsvTable table = CsvTable.open(cut, null)) {
            DataFileException error =
                    assertThrows(
                            DataFileException.class,
                            () -> {
                                while (table.next() != null) {
                                    // reads until the data ends early
                                }
                            });
            assertNull(error.reason());
            assertTrue(error.getMessage().contains("cut.csv.gz"), error.getMessage());
            assertTrue(error.getMessage().contains("corrupt or cut short"), error.getMessage());
        }
    }

    @Test
    void emptyFileNeedsAHeader() throws IOException {
        Path file = TestFiles.write(dir, "empty.csv", "");
        DataFileException error =
                assertThrows(DataFileException.class, () -> CsvTable.open(file, null));
        assertTrue(error.getMessage().contains("--no-header"), error.getMessage());
    }
}
