package dev.st4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.st4j.data.Record;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

class ValidationSplitTest {

    private static List<Record> records() {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String label = "single";
            if (i < 20) {
                label = "big";
            } else if (i < 29) {
                label = "small";
            }
            records.add(
                    new Record(
                            i + 1,
                            "id" + i,
                            "text " + i,
                            label,
                            new double[0],
                            new String[0],
                            null));
        }
        return records;
    }

    @Test
    void splitIsStratifiedAndKeepsSingletonsInTraining() {
        ValidationSplit split = ValidationSplit.of(records(), 0.2, 42);
        assertEquals(4, split.validation().stream().filter(r -> r.label().equals("big")).count());
        assertEquals(2, split.validation().stream().filter(r -> r.label().equals("small")).count());
        assertEquals(
                0, split.validation().stream().filter(r -> r.label().equals("single")).count());
        assertEquals(30, split.train().size() + split.validation().size());
        Set<String> ids = new HashSet<>();
        split.train().forEach(r -> ids.add(r.id()));
        split.validation()
                .forEach(r -> assertTrue(ids.add(r.id()), "record " + r.id() + " on both sides"));
    }

    @Test
    void sameSeedGivesSameSplit() {
        assertEquals(ValidationSplit.of(records(), 0.2, 7), ValidationSplit.of(records(), 0.2, 7));
    }

    @Test
    void zeroFractionKeepsEverythingForTraining() {
        ValidationSplit split = ValidationSplit.of(records(), 0, 42);
        assertEquals(30, split.train().size());
        assertTrue(split.validation().isEmpty());
    }
}
