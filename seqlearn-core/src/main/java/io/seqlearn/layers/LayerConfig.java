package io.seqlearn.layers;

import java.util.List;
import java.util.Map;

/**
 * Typed, checked reads from a layer's JSON config (a map as Jackson parses it). Errors name the layer type
 * and the key: {@code Dense config: 'units' must be a positive integer, got "ten"}.
 */
public record LayerConfig(String type, Map<String, Object> values) {

    /** A required integer ≥ {@code min}. */
    public int intValue(String key, int min) {
        Object v = require(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= min
                && n.longValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw bad(key, "an integer >= " + min, v);
    }

    /** An optional integer ≥ {@code min}, else {@code fallback}. */
    public int intValue(String key, int min, int fallback) {
        return values.get(key) == null ? fallback : intValue(key, min);
    }

    /** An optional finite number, else {@code fallback}. */
    public double doubleValue(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) return n.doubleValue();
        throw bad(key, "a finite number", v);
    }

    /** An optional boolean, else {@code fallback}. */
    public boolean boolValue(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        throw bad(key, "true or false", v);
    }

    /** An optional string, else {@code fallback}. */
    public String stringValue(String key, String fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof String s) return s;
        throw bad(key, "a string", v);
    }

    /** A required nested object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> mapValue(String key) {
        Object v = require(key);
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw bad(key, "an object", v);
    }

    /** A required integer of any size (seeds). */
    public long longValue(String key) {
        Object v = require(key);
        if (v instanceof Number n && (n instanceof Long || n instanceof Integer || n instanceof java.math.BigInteger && n.toString().equals(String.valueOf(n.longValue())))) {
            return n.longValue();
        }
        throw bad(key, "a 64-bit integer", v);
    }

    /** A required list. */
    public List<Object> listValue(String key) {
        Object v = require(key);
        if (v instanceof List<?> l) return java.util.Collections.unmodifiableList(l);
        throw bad(key, "a list", v);
    }

    /** A required string. */
    public String stringValue(String key) {
        Object v = require(key);
        if (v instanceof String s) return s;
        throw bad(key, "a string", v);
    }

    /** Reads an element of a list as a nested config (an object), named {@code what} in errors. */
    @SuppressWarnings("unchecked")
    public static LayerConfig of(String what, Object element) {
        if (element instanceof Map<?, ?> m) return new LayerConfig(what, (Map<String, Object>) m);
        throw new IllegalArgumentException(what + " must be an object, got " + element);
    }

    /** A required list of integers (shapes). */
    public int[] intArray(String key) {
        Object v = require(key);
        if (!(v instanceof List<?> list)) throw bad(key, "a list of integers", v);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw bad(key, "a list of integers", v);
            }
            out[i] = n.intValue();
        }
        return out;
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) throw new IllegalArgumentException(type + " config: '" + key + "' is missing");
        return v;
    }

    private IllegalArgumentException bad(String key, String expected, Object got) {
        String shown = got instanceof String s ? "\"" + s + "\"" : String.valueOf(got);
        if (shown.length() > 80) shown = shown.substring(0, 80) + "…";
        return new IllegalArgumentException(type + " config: '" + key + "' must be " + expected + ", got " + shown);
    }
}
