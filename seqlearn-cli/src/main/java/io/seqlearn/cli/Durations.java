package io.seqlearn.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses wall-clock budgets such as {@code 90s}, {@code 20m}, {@code 1h30m}, {@code 1.5h} or plain seconds {@code 45}. */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)([hms])");

    private Durations() {}

    /** Seconds in {@code text}; throws naming the value when it is not a duration. */
    static double seconds(String text) {
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.matches("\\d+(\\.\\d+)?")) return Double.parseDouble(s);
        Matcher m = PART.matcher(s);
        double total = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            double v = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "h" -> v * 3600;
                case "m" -> v * 60;
                default -> v;
            };
            at = m.end();
        }
        if (at != s.length() || s.isEmpty()) {
            throw new IllegalArgumentException("--time: '" + text + "' is not a duration; use e.g. 90s, 20m, 1h30m");
        }
        return total;
    }
}
