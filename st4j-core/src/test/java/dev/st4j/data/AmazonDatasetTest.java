package dev.st4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The repository's copy of the first 1,999 Amazon rows, prepared with the default settings. */
class AmazonDatasetTest {

    private static PreparedDataset dataset;

    @BeforeAll
    static void prepare() throws IOException {
        PrepareConfig config =
                PrepareConfig.builder().input(TestFiles.repoFile(TestFiles.AMAZON)).build();
        dataset = PreparedDataset.prepareInMemory(config);
    }

    @Test
    void countsRowsAndEmptyCategories() {
        PrepareReport report = dataset.report();
        assertEquals(1999, report.rowsRead());
        assertEquals(181, report.skipped().get("empty_label"));
        assertEquals(1818, report.rowsKept());
        assertEquals(
                0,
                report.skipped().entrySet().stream()
                        .filter(e -> !e.getKey().equals("empty_label"))
                        .mapToLong(Map.Entry::getValue)
                        .sum());
        assertEquals(
                "86a7ef55ef7528623abc959b51dfa93a1f62f7c71d090a5d3485895270b07c8c",
                report.contentSha256());
    }

    @Test
    void mainCategoriesMatchSourceCounts() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("Toys & Games", 1404);
        expected.put("Clothing, Shoes & Jewelry", 118);
        expected.put("Home & Kitchen", 106);
        expected.put("Sports & Outdoors", 80);
        expected.put("Arts, Crafts & Sewing", 31);
        expected.put("Baby Products", 28);
        expected.put("Office Products", 17);
        expected.put("Video Games", 4);
        expected.put("Hobbies", 4);
        expected.put("Pet Supplies", 3);
        expected.put("Electronics", 3);
        expected.put("Tools & Home Improvement", 3);
        expected.put("Grocery & Gourmet Food", 3);
        expected.put("Health & Household", 3);
        expected.put("Patio, Lawn & Garden", 2);
        expected.put("Remote & App Controlled Vehicle Parts", 2);
        expected.put("Industrial & Scientific", 2);
        expected.put("Beauty & Personal Care", 2);
        expected.put("Remote & App Controlled Vehicles & Parts", 2);
        expected.put("Automotive", 1);
        assertEquals(20, dataset.labels().size());
        assertEquals(new HashSet<>(expected.keySet()), new HashSet<>(dataset.labels().names()));
        for (Map.Entry<String, Integer> entry : expected.entrySet()) {
            long rows =
                    dataset.all().stream().filter(r -> r.label().equals(entry.getKey())).count();
            assertEquals(entry.getValue().longValue(), rows, entry.getKey());
        }
    }

    @Test
    void splitIsDisjointAndStratified() {
        Set<String> train = new HashSet<>();
        dataset.train().forEach(r -> train.add(r.id()));
        dataset.test().forEach(r -> assertTrue(!train.contains(r.id()), r.id()));
        assertEquals(1818, dataset.train().size() + dataset.test().size());
        for (String label : dataset.labels().names()) {
            long total = dataset.all().stream().filter(r -> r.label().equals(label)).count();
            long test = dataset.test().stream().filter(r -> r.label().equals(label)).count();
            if (total >= 5) {
                assertTrue(test >= 1, label + " has no test row");
                assertTrue(Math.abs(test - 0.2 * total) <= 1, label + ": " + test + " of " + total);
            }
        }
        assertEquals(List.of("Automotive"), dataset.report().singleRowLabels());
    }

    @Test
    void tabularColumnsKeepTheirForms() {
        Record first = dataset.all().get(0);
        assertEquals("4c69b61db1fc16e7013b43fc926e502d", first.id());
        assertEquals(237.68, first.numeric()[0]);
        Record leadingZero =
                dataset.all().stream()
                        .filter(r -> "01-0121".equals(r.categorical()[0]))
                        .findFirst()
                        .orElseThrow();
        assertEquals("Y", leadingZero.categorical()[1]);
        long missingModel = dataset.all().stream().filter(r -> r.categorical()[0] == null).count();
        assertEquals(dataset.report().categoricalMissing().get("model_number"), missingModel);
        assertTrue(dataset.all().stream().noneMatch(r -> r.numeric()[0] == 0.0));
        PrepareReport.NumericStats price = dataset.report().numeric().get("selling_price");
        assertEquals(3, price.missing());
        assertEquals(10, price.unparsed());
    }

    @Test
    void textJoinsFourColumns() {
        PrepareReport.Lengths lengths = dataset.report().textLengthChars();
        assertEquals(0, dataset.report().emptyTexts());
        assertTrue(
                dataset.all()
                        .get(0)
                        .text()
                        .startsWith(
                                "DB Longboards CoreFlex Crossbow 41\" Bamboo Fiberglass Longboard"
                                    + " Complete Make sure this fits by entering your model number."
                                    + " | RESPONSIVE FLEX:"));
        assertTrue(lengths.max() > 10_000, "max " + lengths.max());
        assertTrue(lengths.median() > 1_000, "median " + lengths.median());
    }
}
