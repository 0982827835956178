package dev.st4j.train;

import dev.st4j.data.Record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Training records split into the part that is trained on and a stratified, seeded validation part
 * that scores each epoch. Each label keeps {@code round(n * fraction)} of its {@code n} records for
 * validation, but always at least one for training, so a label with a single record is never
 * validated on.
 */
record ValidationSplit(List<Record> train, List<Record> validation) {

    static ValidationSplit of(List<Record> records, double fraction, long seed) {
        if (fraction <= 0) {
            return new ValidationSplit(List.copyOf(records), List.of());
        }
        Map<String, List<Record>> byLabel = new TreeMap<>();
        for (Record record : records) {
            byLabel.computeIfAbsent(record.label(), label -> new ArrayList<>()).add(record);
        }
        Random random = new Random(seed);
        List<Record> train = new ArrayList<>();
        List<Record> validation = new ArrayList<>();
        for (List<Record> group : byLabel.values()) {
            Collections.shuffle(group, random);
            int held = (int) Math.min(Math.round(group.size() * fraction), group.size() - 1L);
            validation.addAll(group.subList(0, held));
            train.addAll(group.subList(held, group.size()));
        }
        // Source order keeps the batch plan independent of how labels happened to be grouped.
        train.sort((a, b) -> Long.compare(a.row(), b.row()));
        validation.sort((a, b) -> Long.compare(a.row(), b.row()));
        return new ValidationSplit(List.copyOf(train), List.copyOf(validation));
    }
}
