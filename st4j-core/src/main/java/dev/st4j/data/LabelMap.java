package dev.st4j.data;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.st4j.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Label names to contiguous ids 0..n-1. The order is the names sorted by {@link String#compareTo}
 * (UTF-16 code units), so the same set of labels always gets the same ids. Saved as
 * {@code labels.json}: a JSON array of names in id order.
 */
public final class LabelMap {

    public static final String FILE_NAME = "labels.json";

    private final List<String> names;
    private final Map<String, Integer> ids = new HashMap<>();

    private LabelMap(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < this.names.size(); i++) {
            if (ids.put(this.names.get(i), i) != null) {
                throw new IllegalArgumentException("Duplicate label '" + this.names.get(i) + "' in label map");
            }
        }
    }

    /** Builds the map from every label seen, in sorted order. */
    public static LabelMap fromLabels(Collection<String> labels) {
        return new LabelMap(new ArrayList<>(new TreeSet<>(labels)));
    }

    /** Wraps names that are already in id order (as read from {@code labels.json}). */
    public static LabelMap ofOrdered(List<String> namesInIdOrder) {
        return new LabelMap(namesInIdOrder);
    }

    public int size() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }

    public String nameOf(int id) {
        if (id < 0 || id >= names.size()) {
            throw new IllegalArgumentException("Label id " + id + " is outside 0.." + (names.size() - 1));
        }
        return names.get(id);
    }

    /** Returns the id of {@code name}, or -1 when the label is not in this map. */
    public int idOfOrMissing(String name) {
        return ids.getOrDefault(name, -1);
    }

    /** Returns the id of {@code name}; an unknown label is an error that lists the known ones. */
    public int idOf(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            throw new IllegalArgumentException("Label '" + name + "' is not in the label map " + names);
        }
        return id;
    }

    public void save(Path file, boolean overwrite) throws IOException {
        Json.write(file, names, overwrite);
    }

    public static LabelMap load(Path file) throws IOException {
        List<String> names = Json.MAPPER.readValue(file.toFile(), new TypeReference<List<String>>() {});
        return new LabelMap(names);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelMap m && names.equals(m.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "LabelMap" + names;
    }
}
