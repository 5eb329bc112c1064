package io.seqlearn.data;

/**
 * Strict UTF-8 validation (Unicode 15, Table 3-7 "Well-Formed UTF-8 Byte Sequences"): rejects overlong
 * forms, surrogates (U+D800..U+DFFF), code points above U+10FFFF, stray continuation bytes and truncated
 * sequences. Java's {@code new String(bytes, UTF_8)} silently replaces all of these with U+FFFD.
 */
final class Utf8 {
    private Utf8() {}

    /** Offset (relative to {@code off}) of the first byte of the first ill-formed sequence, or -1. */
    static int firstInvalid(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) { i++; continue; }
            int n = sequenceLength(b, i, end);
            if (n < 0) return i - off;
            i += n;
        }
        return -1;
    }

    /** Length of the well-formed multi-byte sequence starting at {@code i}, or -1. */
    private static int sequenceLength(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c >= 0xC2 && c <= 0xDF) return cont(b, i + 1, end, 0x80, 0xBF) ? 2 : -1;
        if (c >= 0xE0 && c <= 0xEF) {
            int lo = c == 0xE0 ? 0xA0 : 0x80;
            int hi = c == 0xED ? 0x9F : 0xBF;
            return cont(b, i + 1, end, lo, hi) && cont(b, i + 2, end, 0x80, 0xBF) ? 3 : -1;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            int lo = c == 0xF0 ? 0x90 : 0x80;
            int hi = c == 0xF4 ? 0x8F : 0xBF;
            return cont(b, i + 1, end, lo, hi) && cont(b, i + 2, end, 0x80, 0xBF)
                    && cont(b, i + 3, end, 0x80, 0xBF) ? 4 : -1;
        }
        return -1;
    }

    private static boolean cont(byte[] b, int i, int end, int lo, int hi) {
        if (i >= end) return false;
        int c = b[i] & 0xFF;
        return c >= lo && c <= hi;
    }
}
