package io.seqlearn.train;

/** Helpers for callback state round-tripped through JSON (where ±Infinity and NaN become strings). */
final class CallbackStates {
    private CallbackStates() {}

    /** A number that may have been written as a string ("Infinity", "-Infinity", "NaN"). */
    static double number(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) return Double.parseDouble(s);
        throw new IllegalArgumentException("callback state: expected a number, got " + v);
    }
}
