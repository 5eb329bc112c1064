package io.seqlearn.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of a safetensors file: named tensors (in file order) and the {@code __metadata__} strings.
 *
 * @param tensors  tensors by name, iterated in the order their bytes appear in the file
 * @param metadata {@code __metadata__} strings sorted by key, empty when the file has none
 */
public record SafeTensorsFile(Map<String, TensorData> tensors, Map<String, String> metadata) {

    public SafeTensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    /** The tensor called {@code name}; an error listing what the file holds when there is none. */
    public TensorData tensor(String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor " + HeaderParser.quote(name) + " in this file (has "
                    + HeaderParser.shorten(tensors.keySet().toString()) + ")");
        }
        return t;
    }
}
