package io.seqlearn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Makes values strict-JSON safe: JSON has no NaN or ±Infinity, so non-finite doubles (a NaN back-filled in
 * History, an EarlyStopping "best" of +Infinity) are written as the strings "NaN", "Infinity", "-Infinity",
 * which {@link Double#parseDouble} reads back. int[] shapes become lists. Maps without a defined order
 * ({@code Map.of}, whose iteration order is salted afresh in every JVM, or a HashMap) are written with sorted
 * keys, so the same state gives the same file bytes in every process (checked by CrossProcessResumeTest).
 */
final class JsonSafe {
    private JsonSafe() {}

    static Object clean(Object v) {
        if (v instanceof Double d && !Double.isFinite(d)) return d.toString();
        if (v instanceof Float f && !Float.isFinite(f)) return Double.toString(f);
        if (v instanceof int[] a) {
            List<Object> out = new ArrayList<>();
            for (int x : a) out.add(x);
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), clean(x)));
            return m instanceof LinkedHashMap || m instanceof SortedMap ? out : new TreeMap<>(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) out.add(clean(x));
            return out;
        }
        return v;
    }

    /** A number that may have been written by {@link #clean} as a string; null reads as NaN. */
    static double number(Object v) {
        if (v == null) return Double.NaN;
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number, got \"" + s + "\"");
            }
        }
        throw new IllegalArgumentException("expected a number, got " + v);
    }
}
