package io.seqlearn.metrics.text;

import java.util.regex.Pattern;

/**
 * sacreBLEU's default {@code 13a} tokenizer, a port of {@code sacrebleu/tokenizers/tokenizer_13a.py} and
 * {@code tokenizer_re.py} (itself the tokenizer of WMT's {@code mteval-v13a.pl}), rule for rule:
 * <ol>
 *   <li>remove {@code <skipped>}, join {@code -\n} hyphenations, turn {@code \n} into a space, unescape
 *       {@code &quot; &amp; &lt; &gt;} (in that order), pad with one space on each side;</li>
 *   <li>put spaces around the symbols {@code { | } ~ [ \ ] ^ _ ` space ! " # $ % & ( ) * + : ; < = > ? @ /};</li>
 *   <li>split a period or comma from a preceding non-digit, then from a following non-digit;</li>
 *   <li>split a dash that follows a digit;</li>
 *   <li>collapse whitespace (Python {@code ' '.join(s.split())}).</li>
 * </ol>
 * Apostrophes and hyphens between letters stay inside words; "3.14" and "1,000" stay whole.
 */
public final class Tokenizer13a {
    // [\{-\~\[-\` -\&\(-\+\:-\@\/] in the Python source, written with explicit code points.
    private static final Pattern SYMBOLS = Pattern.compile("([\\x7B-\\x7E\\x5B-\\x60\\x20-\\x26\\x28-\\x2B\\x3A-\\x40/])");
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

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
        s = " " + s + " ";
        s = SYMBOLS.matcher(s).replaceAll(" $1 ");
        s = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(s).replaceAll("$1 $2 ");
        s = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(s).replaceAll(" $1 $2");
        s = DASH_AFTER_DIGIT.matcher(s).replaceAll("$1 $2 ");
        return String.join(" ", PythonText.split(s));
    }
}
