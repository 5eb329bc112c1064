package io.seqlearn.data.loader;

import io.seqlearn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Choosing which named tensors a source puts in its batches. */
final class Names {
    private Names() {}

    /** {@code chosen}, checked against {@code available}; the order given is the batch's order. */
    static List<String> choose(String op, List<String> available, String... chosen) {
        if (chosen.length == 0) throw new IllegalArgumentException(op + ": at least one input is needed; available: " + String.join(", ", available));
        for (String c : chosen) {
            if (!available.contains(c)) {
                throw new IllegalArgumentException(op + ": no input '" + c + "'; available: " + String.join(", ", available));
            }
        }
        if (List.of(chosen).stream().distinct().count() != chosen.length) {
            throw new IllegalArgumentException(op + ": input names repeat: " + List.of(chosen));
        }
        return List.of(chosen);
    }

    /** The entries of {@code all} named in {@code names}, in that order. */
    static Map<String, Tensor> pick(Map<String, Tensor> all, List<String> names) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String n : names) out.put(n, all.get(n));
        return out;
    }
}
