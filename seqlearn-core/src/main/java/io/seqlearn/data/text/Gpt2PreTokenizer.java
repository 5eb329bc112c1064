package io.seqlearn.data.text;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the pieces that byte-level BPE merges inside, with GPT-2's pattern (openai/gpt-2
 * {@code encoder.py}): English contractions, an optional space plus letters, an optional space plus
 * digits, an optional space plus other symbols, and whitespace runs (the last space of a run goes with the
 * next word). Merges never cross pieces, so "dog." and "dog" share the token for " dog".
 *
 * <p>The pieces always concatenate back to the input: should the pattern ever skip a character, the gap
 * is emitted as a piece of its own.
 */
final class Gpt2PreTokenizer {
    /** {@code \s} is Unicode whitespace here, as in the Python {@code regex} module GPT-2 uses. */
    private static final Pattern PATTERN = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private Gpt2PreTokenizer() {}

    /** Calls {@code sink} with each piece of {@code text}, in order. */
    static void split(String text, Consumer<String> sink) {
        Matcher m = PATTERN.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) sink.accept(text.substring(last, m.start()));
            sink.accept(m.group());
            last = m.end();
        }
        if (last < text.length()) sink.accept(text.substring(last));
    }
}
