package io.seqlearn.cli.quickstart;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The text the quickstart trains on: sentences drawn from a small English grammar with a fixed seed, so the
 * project ships its own data (no licence questions) and a character model can visibly learn words, spacing
 * and punctuation within a minute or two.
 */
public final class QuickstartCorpus {
    private static final List<String> SUBJECTS = List.of("the old sailor", "a quiet fox", "the baker",
            "my sister", "the river", "a young king", "the lighthouse keeper", "the small robot", "our teacher",
            "the gardener", "a tired horse", "the wind");
    private static final List<String> VERBS = List.of("sings to", "walks past", "remembers", "watches",
            "carries", "follows", "paints", "forgets", "finds", "waits for", "calls", "dreams of");
    private static final List<String> OBJECTS = List.of("the morning sea", "a silver key", "the empty road",
            "an apple tree", "the evening bells", "a paper boat", "the northern hills", "the warm bread",
            "a sleeping cat", "the last train", "the stars", "a broken clock");
    private static final List<String> ENDINGS = List.of("", " at dawn", " in the rain", " every winter",
            " without a word", " again and again", " before the storm", " by the harbour");
    private static final List<String> JOINS = List.of(", and ", ", but ", " while ", " because ");

    private QuickstartCorpus() {}

    /** About {@code chars} characters of text, identical for the same seed. */
    public static String generate(long seed, int chars) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(chars + 200);
        while (sb.length() < chars) {
            String s = clause(r);
            if (r.nextInt(3) == 0) s += pick(r, JOINS) + clause(r);
            sb.append(Character.toUpperCase(s.charAt(0))).append(s, 1, s.length()).append(r.nextInt(6) == 0 ? "!" : ".");
            sb.append(r.nextInt(5) == 0 ? "\n" : " ");
        }
        return sb.toString();
    }

    private static String clause(SplittableRandom r) {
        return pick(r, SUBJECTS) + " " + pick(r, VERBS) + " " + pick(r, OBJECTS) + pick(r, ENDINGS);
    }

    private static String pick(SplittableRandom r, List<String> xs) { return xs.get(r.nextInt(xs.size())); }
}
