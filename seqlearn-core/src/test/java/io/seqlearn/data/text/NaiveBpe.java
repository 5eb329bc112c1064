package io.seqlearn.data.text;

import io.seqlearn.data.SpecialTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test-only reference BPE: training that recounts every pair after every merge, and GPT-2's quadratic
 * {@code bpe()} loop, written as plainly as possible to check the incremental trainer and the heap encoder.
 */
final class NaiveBpe {
    private NaiveBpe() {}

    /** The merges (as token texts) that the naive algorithm learns. */
    static List<String> trainMerges(List<String> corpus, int vocabSize, long minPairFrequency, SpecialTokens specials) {
        Map<String, Long> pieces = new LinkedHashMap<>();
        for (String t : corpus) Gpt2PreTokenizer.split(t, p -> pieces.merge(p, 1L, Long::sum));
        List<List<String>> words = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (var e : pieces.entrySet()) {
            List<String> w = new ArrayList<>();
            for (byte b : e.getKey().getBytes(StandardCharsets.UTF_8)) w.add(ByteLevel.toText(new byte[] {b}));
            words.add(w);
            counts.add(e.getValue());
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int b = 0; b < 256; b++) ids.put(ByteLevel.toText(new byte[] {(byte) b}), b);
        Set<String> forbidden = new HashSet<>();
        List<String> merges = new ArrayList<>();
        int room = vocabSize - specials.present().size() - 256;
        while (merges.size() < room) {
            Map<String, Long> pairCounts = new HashMap<>();
            for (int i = 0; i < words.size(); i++) {
                List<String> w = words.get(i);
                for (int j = 0; j + 1 < w.size(); j++) pairCounts.merge(w.get(j) + "\u0000" + w.get(j + 1), counts.get(i), Long::sum);
            }
            String best = null;
            long bestCount = -1;
            for (var e : pairCounts.entrySet()) {
                if (forbidden.contains(e.getKey())) continue;
                String[] ab = e.getKey().split("\u0000", -1);
                if (e.getValue() > bestCount || (e.getValue() == bestCount && smaller(ab, best.split("\u0000", -1), ids))) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            if (best == null || bestCount < minPairFrequency) break;
            String[] ab = best.split("\u0000", -1);
            String joined = ab[0] + ab[1];
            if (ids.containsKey(joined) || specials.isSpecial(joined)) {
                forbidden.add(best);
                continue;
            }
            ids.put(joined, 256 + merges.size());
            merges.add(ab[0] + " " + ab[1]);
            for (List<String> w : words) mergeAll(w, ab[0], ab[1]);
        }
        return merges;
    }

    private static boolean smaller(String[] x, String[] y, Map<String, Integer> ids) {
        int a = ids.get(x[0]);
        int b = ids.get(y[0]);
        return a != b ? a < b : ids.get(x[1]) < ids.get(y[1]);
    }

    private static void mergeAll(List<String> w, String a, String b) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < w.size(); ) {
            if (i + 1 < w.size() && w.get(i).equals(a) && w.get(i + 1).equals(b)) {
                out.add(a + b);
                i += 2;
            } else {
                out.add(w.get(i++));
            }
        }
        w.clear();
        w.addAll(out);
    }

    /** GPT-2's encoder: per pre-token, repeatedly merge all occurrences of the lowest-ranked pair. */
    static int[] encode(BpeTokenizer t, String text) {
        Map<String, Integer> ranks = new HashMap<>();
        List<String[]> merges = t.merges();
        for (int i = 0; i < merges.size(); i++) ranks.putIfAbsent(merges.get(i)[0] + "\u0000" + merges.get(i)[1], i);
        List<Integer> out = new ArrayList<>();
        Gpt2PreTokenizer.split(text, piece -> {
            List<String> w = new ArrayList<>();
            for (byte b : piece.getBytes(StandardCharsets.UTF_8)) w.add(ByteLevel.toText(new byte[] {b}));
            while (w.size() > 1) {
                String best = null;
                int bestRank = Integer.MAX_VALUE;
                for (int j = 0; j + 1 < w.size(); j++) {
                    Integer r = ranks.get(w.get(j) + "\u0000" + w.get(j + 1));
                    if (r != null && r < bestRank) {
                        bestRank = r;
                        best = w.get(j) + "\u0000" + w.get(j + 1);
                    }
                }
                if (best == null) break;
                String[] ab = best.split("\u0000", -1);
                mergeAll(w, ab[0], ab[1]);
            }
            for (String s : w) out.add(t.vocabulary().id(s));
        });
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
