package io.seqlearn.metrics.text;

import java.util.ArrayList;
import java.util.List;

/** Python's {@code str.isspace}, {@code split()}, {@code strip()} and {@code rstrip()}, which sacreBLEU relies on. */
final class PythonText {
    private PythonText() {}

    /**
     * Python's {@code str.isspace()} for one code point: the characters of bidirectional class WS, B or S or
     * category Zs — tab, LF, VT, FF, CR, U+001C..U+001F, space, U+0085, U+00A0, U+1680, U+2000..U+200A,
     * U+2028, U+2029, U+202F, U+205F, U+3000.
     */
    static boolean isSpace(int c) {
        if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
        if (c < 0x85) return false;
        return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /** {@code s.split()}: the runs of non-whitespace. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) i++;
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) i++;
            if (i > start) out.add(s.substring(start, i));
        }
        return out;
    }

    /** {@code s.rstrip()}. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) end--;
        return s.substring(0, end);
    }
}
