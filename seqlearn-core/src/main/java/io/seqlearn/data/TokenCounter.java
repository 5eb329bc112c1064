package io.seqlearn.data;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** Counts token occurrences, to build a {@link Vocabulary} from. Not thread-safe. */
public final class TokenCounter {
    private final HashMap<String, long[]> counts = new HashMap<>();

    /** Counts one occurrence of {@code token}. */
    public TokenCounter add(String token) {
        counts.computeIfAbsent(token, k -> new long[1])[0]++;
        return this;
    }

    /** Counts {@code n} occurrences of {@code token}. */
    public TokenCounter add(String token, long n) {
        if (n < 0) throw new IllegalArgumentException("token counter: negative count " + n + " for '" + token + "'");
        counts.computeIfAbsent(token, k -> new long[1])[0] += n;
        return this;
    }

    /** Counts every token of {@code tokens}. */
    public TokenCounter addAll(Iterable<String> tokens) {
        for (String t : tokens) add(t);
        return this;
    }

    /** Count of {@code token} (0 if never seen). */
    public long count(String token) {
        long[] c = counts.get(token);
        return c == null ? 0 : c[0];
    }

    /** Number of distinct tokens. */
    public int distinct() { return counts.size(); }

    /** A snapshot of the counts. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new HashMap<>(counts.size() * 2);
        counts.forEach((k, v) -> out.put(k, v[0]));
        return Collections.unmodifiableMap(out);
    }
}
