package io.seqlearn.train;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills Keras-style checkpoint names: {@code "ckpt-{epoch:02d}-{val_loss:.4f}.safetensors"}. {@code {epoch}}
 * is 1-based, as Keras prints it; other fields are log values. Formats follow Python's mini-language for the
 * common cases: {@code 02d}, {@code d}, {@code .4f}, {@code .3e}, {@code g}.
 */
final class PathTemplate {
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([0-9.]*[dfeg]))?}");

    private PathTemplate() {}

    static String format(String template, int epoch, Map<String, Double> logs) {
        Matcher m = FIELD.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1), fmt = m.group(2);
            Object value;
            if (key.equals("epoch")) {
                value = epoch + 1;
            } else {
                Double v = logs.get(key);
                if (v == null) {
                    throw new IllegalArgumentException("ModelCheckpoint: '{" + key + "}' in \"" + template
                            + "\" is not in the logs " + logs.keySet());
                }
                value = v;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(render(value, fmt)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String render(Object value, String fmt) {
        if (fmt == null) return String.valueOf(value);
        if (fmt.endsWith("d")) {
            long n = value instanceof Integer i ? i : Math.round((Double) value);
            return String.format(Locale.ROOT, "%" + fmt, n);
        }
        double d = value instanceof Integer i ? i : (Double) value;
        return String.format(Locale.ROOT, "%" + fmt, d);
    }
}
