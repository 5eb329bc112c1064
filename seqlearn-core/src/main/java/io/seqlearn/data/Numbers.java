package io.seqlearn.data;

/**
 * Strict parsing of decimal numbers in data files: {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]?
 * digits)?}, or {@code nan}, {@code inf}, {@code infinity} (any case, optional sign, as pandas reads them),
 * surrounded by optional spaces. Unlike {@link Double#parseDouble} it rejects Java-only forms such as
 * {@code "1f"}, {@code "0x1p3"} or {@code "1d"}, which are data errors in a CSV file.
 */
public final class Numbers {
    private Numbers() {}

    /** True when {@link #parse(String)} would succeed. */
    public static boolean isNumber(String s) {
        return s != null && parseOrNaN(s, true) != null;
    }

    /**
     * The value of {@code s}.
     *
     * @throws NumberFormatException if {@code s} is not a number in the format above
     */
    public static double parse(String s) {
        Double v = s == null ? null : parseOrNaN(s, false);
        if (v == null) throw new NumberFormatException("not a number: '" + s + "'");
        return v;
    }

    private static Double parseOrNaN(String raw, boolean checkOnly) {
        String s = raw.strip();
        if (s.isEmpty()) return null;
        int i = 0;
        int n = s.length();
        char c0 = s.charAt(0);
        boolean neg = c0 == '-';
        if (c0 == '+' || c0 == '-') i++;
        if (i < n && Character.isLetter(s.charAt(i))) {
            String rest = s.substring(i);
            if (rest.equalsIgnoreCase("nan")) return Double.NaN;
            if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
                return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return null;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) { i++; intDigits++; }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) { i++; fracDigits++; }
        }
        if (intDigits + fracDigits == 0) return null;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) { i++; expDigits++; }
            if (expDigits == 0) return null;
        }
        if (i != n) return null;
        return checkOnly ? 0.0 : Double.parseDouble(s);
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
}
