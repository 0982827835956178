package dev.st4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The repository's PriceRunner titles, prepared with their shipped config (group split). */
class PriceRunnerDatasetTest {

    @Test
    void noClusterIsOnBothSides() throws IOException {
        PrepareConfig config =
                PrepareConfig.fromJson(
                        TestFiles.repoFile("datasets/pricerunner-product-titles/prepare.json"));
        PreparedDataset dataset = PreparedDataset.prepareInMemory(config);

        assertEquals(35_311, dataset.report().rowsRead());
        assertEquals(35_311, dataset.all().size());
        assertEquals(10, dataset.labels().size());
        assertEquals(13_233, dataset.report().groups().total());
        Set<String> trainClusters = new HashSet<>();
        dataset.train().forEach(r -> trainClusters.add(r.group()));
        long shared =
                dataset.test().stream().filter(r -> trainClusters.contains(r.group())).count();
        assertEquals(0, shared);

        Map<String, Integer> all = new HashMap<>();
        Map<String, Integer> test = new HashMap<>();
        dataset.all().forEach(r -> all.merge(r.label(), 1, Integer::sum));
        dataset.test().forEach(r -> test.merge(r.label(), 1, Integer::sum));
        assertEquals(5_501, all.get("Fridge Freezers"));
        for (String label : dataset.labels().names()) {
            double share = (double) test.get(label) / all.get(label);
            assertTrue(Math.abs(share - 0.2) < 0.005, label + " test share " + share);
        }
    }
}
