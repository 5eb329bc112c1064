package io.seqlearn.metrics.text;

/**
 * sacreBLEU's default {@code 13a} tokenizer, a port of {@code sacrebleu/tokenizers/tokenizer_13a.py} and
 * {@code tokenizer_re.py} (itself the tokenizer of WMT's {@code mteval-v13a.pl}), rule for rule:
 * <ol>
 *   <li>remove {@code <skipped>}, join {@code -\n} hyphenations, turn {@code \n} into a space, unescape
 *       {@code &quot; &amp; &lt; &gt;} (in that order), pad with one space on each side;</li>
 *   <li>{@code ([\{-\~\[-\` -\&\(-\+\:-\@\/])} → {@code " \1 "}: spaces around
 *       {@code { | } ~ [ \ ] ^ _ ` space ! " # $ % & ( ) * + : ; < = > ? @ /};</li>
 *   <li>{@code ([^0-9])([\.,])} → {@code "\1 \2 "}, then {@code ([\.,])([^0-9])} → {@code " \1 \2"}: a
 *       period or comma is split from a non-digit before it, then from a non-digit after it;</li>
 *   <li>{@code ([0-9])(-)} → {@code "\1 \2 "}: a dash after a digit is split;</li>
 *   <li>collapse whitespace (Python {@code ' '.join(s.split())}).</li>
 * </ol>
 * Each regex substitution is done by a single left-to-right scan that takes the same non-overlapping
 * leftmost matches as {@code re.sub} (every pattern has a fixed length of one or two code points), which is
 * several times faster than the regex engine; a test checks the two agree on random text.
 */
public final class Tokenizer13a {
    private Tokenizer13a() {}

    /** The tokenized line: tokens separated by single spaces, no leading or trailing space. */
    public static String tokenize(String line) {
        String s = line.replace("<skipped>", "")
                .replace("-\n", "")
                .replace("\n", " ")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
        s = padSymbols(" " + s + " ");
        s = splitPeriodCommaAfterNonDigit(s);
        s = splitPeriodCommaBeforeNonDigit(s);
        s = splitDashAfterDigit(s);
        return String.join(" ", PythonText.split(s));
    }

    static boolean isSymbol(int c) {
        return (c >= 0x7B && c <= 0x7E) || (c >= 0x5B && c <= 0x60) || (c >= 0x20 && c <= 0x26)
                || (c >= 0x28 && c <= 0x2B) || (c >= 0x3A && c <= 0x40) || c == '/';
    }

    private static boolean isDigit(int c) { return c >= '0' && c <= '9'; }

    private static boolean isPeriodComma(int c) { return c == '.' || c == ','; }

    /** Rule 2: every symbol becomes " symbol " (all symbols are single BMP characters). */
    private static String padSymbols(String s) {
        StringBuilder out = new StringBuilder(s.length() * 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSymbol(c)) out.append(' ').append(c).append(' ');
            else out.append(c);
        }
        return out.toString();
    }

    /** {@code ([^0-9])([\.,])} → {@code "\1 \2 "}. */
    private static String splitPeriodCommaAfterNonDigit(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            int w = Character.charCount(c);
            if (!isDigit(c) && i + w < s.length() && isPeriodComma(s.charAt(i + w))) {
                out.appendCodePoint(c).append(' ').append(s.charAt(i + w)).append(' ');
                i += w + 1;
            } else {
                out.appendCodePoint(c);
                i += w;
            }
        }
        return out.toString();
    }

    /** {@code ([\.,])([^0-9])} → {@code " \1 \2"}. */
    private static String splitPeriodCommaBeforeNonDigit(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isPeriodComma(c) && i + 1 < s.length()) {
                int d = s.codePointAt(i + 1);
                if (!isDigit(d)) {
                    out.append(' ').append(c).append(' ').appendCodePoint(d);
                    i += 1 + Character.charCount(d);
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** {@code ([0-9])(-)} → {@code "\1 \2 "}. */
    private static String splitDashAfterDigit(String s) {
        if (s.indexOf('-') < 0) return s;
        StringBuilder out = new StringBuilder(s.length() + 16);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isDigit(c) && i + 1 < s.length() && s.charAt(i + 1) == '-') {
                out.append(c).append(' ').append('-').append(' ');
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
