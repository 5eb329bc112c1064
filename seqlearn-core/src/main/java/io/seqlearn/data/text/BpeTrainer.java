package io.seqlearn.data.text;

import io.seqlearn.data.SpecialTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Learns byte-level BPE merges (Sennrich et al. 2016, "Neural Machine Translation of Rare Words with
 * Subword Units"; byte-level as in GPT-2).
 *
 * <p>The corpus is cut into GPT-2 pre-tokens ({@link Gpt2PreTokenizer}) and each distinct pre-token is kept
 * once with its count, as a sequence of byte symbols. Pair counts (weighted by the pre-token counts) and, for
 * each pair, the pre-tokens that hold it are kept up to date incrementally after every merge, as Hugging Face
 * {@code tokenizers}' BpeTrainer does — only the pre-tokens that contain the merged pair are rescanned. The
 * next merge is the most frequent pair; ties go to the smallest (left id, right id), also as in HF, so the
 * result does not depend on the order of the corpus. A lazy max-heap finds the pair: an entry whose count is
 * out of date is re-queued with its current count when it surfaces.
 *
 * <p>Every merge makes a new token. A pair whose joined text already exists (the same bytes reached by
 * another split) or equals a special token's text is never merged, which keeps token texts unique.
 */
final class BpeTrainer {
    private int[][] syms;
    private int[] len;
    private long[] freq;
    private final LongLongMap counts = new LongLongMap(1 << 16);
    private final HashMap<Long, IntList> where = new HashMap<>();
    private final PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) ->
            x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(x[1], y[1]));

    private BpeTrainer() {}

    static BpeTokenizer train(Iterable<String> texts, BpeTokenizer.Options options) {
        return new BpeTrainer().run(texts, options);
    }

    private BpeTokenizer run(Iterable<String> texts, BpeTokenizer.Options options) {
        HashMap<String, long[]> pieces = new HashMap<>();
        for (String text : texts) {
            BpeTokenizer.checkEncodable(text);
            Gpt2PreTokenizer.split(text, p -> pieces.computeIfAbsent(p, k -> new long[1])[0]++);
        }
        long[] byteFreq = initWords(pieces);
        List<byte[]> tokenBytes = new ArrayList<>();
        Set<String> texts0 = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            tokenBytes.add(new byte[] {(byte) b});
            texts0.add(ByteLevel.toText(new byte[] {(byte) b}));
        }
        SpecialTokens sp = options.specials();
        int room = options.vocabSize() - sp.present().size() - 256;
        IntList left = new IntList();
        IntList right = new IntList();
        long[] mergeFreq = new long[Math.max(room, 0)];
        Set<Long> forbidden = new HashSet<>();
        int step = 0;
        int[] stamp = new int[syms.length];
        Arrays.fill(stamp, -1);
        while (step < room && !queue.isEmpty()) {
            long[] top = queue.poll();
            long pair = top[1];
            long current = counts.get(pair, 0);
            if (current != top[0]) {
                if (current > 0 && current < top[0]) queue.add(new long[] {current, pair});
                continue;
            }
            if (current < options.minPairFrequency()) break;
            if (forbidden.contains(pair)) continue;
            int a = (int) (pair >>> 32);
            int b = (int) pair;
            byte[] joined = concat(tokenBytes.get(a), tokenBytes.get(b));
            String text = ByteLevel.toText(joined);
            if (texts0.contains(text) || sp.isSpecial(text)) {
                forbidden.add(pair);
                continue;
            }
            int c = 256 + step;
            tokenBytes.add(joined);
            texts0.add(text);
            left.add(a);
            right.add(b);
            mergeFreq[step] = current;
            applyMerge(pair, a, b, c, stamp, step);
            step++;
        }
        long[] frequencies = new long[256 + step];
        System.arraycopy(byteFreq, 0, frequencies, 0, 256);
        System.arraycopy(mergeFreq, 0, frequencies, 256, step);
        return new BpeTokenizer(sp, left.toArray(), right.toArray(), frequencies);
    }

    /** Turns the distinct pre-tokens into byte-symbol words; fills the pair tables; returns byte counts. */
    private long[] initWords(HashMap<String, long[]> pieces) {
        int n = pieces.size();
        syms = new int[n][];
        len = new int[n];
        freq = new long[n];
        long[] byteFreq = new long[256];
        int w = 0;
        for (var e : pieces.entrySet()) {
            byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
            int[] s = new int[bytes.length];
            long f = e.getValue()[0];
            for (int i = 0; i < bytes.length; i++) {
                s[i] = bytes[i] & 0xFF;
                byteFreq[s[i]] += f;
            }
            syms[w] = s;
            len[w] = s.length;
            freq[w] = f;
            for (int i = 0; i + 1 < s.length; i++) {
                long p = pair(s[i], s[i + 1]);
                counts.add(p, f);
                where.computeIfAbsent(p, k -> new IntList()).add(w);
            }
            w++;
        }
        counts.forEach((p, c) -> queue.add(new long[] {c, p}));
        return byteFreq;
    }

    /** Replaces every (a, b) by c in the words holding it, updating pair counts and the queue. */
    private void applyMerge(long pair, int a, int b, int c, int[] stamp, int step) {
        IntList ws = where.remove(pair);
        Set<Long> grown = new HashSet<>();
        for (int k = 0; k < ws.size(); k++) {
            int w = ws.get(k);
            if (stamp[w] == step) continue;
            stamp[w] = step;
            int[] s = syms[w];
            int n = len[w];
            if (!contains(s, n, a, b)) continue;
            long f = freq[w];
            for (int i = 0; i + 1 < n; i++) decrement(pair(s[i], s[i + 1]), f);
            int j = 0;
            for (int i = 0; i < n; ) {
                if (i + 1 < n && s[i] == a && s[i + 1] == b) {
                    s[j++] = c;
                    i += 2;
                } else {
                    s[j++] = s[i++];
                }
            }
            len[w] = j;
            for (int i = 0; i + 1 < j; i++) {
                long p = pair(s[i], s[i + 1]);
                counts.add(p, f);
                if (s[i] == c || s[i + 1] == c) {
                    where.computeIfAbsent(p, key -> new IntList()).add(w);
                    grown.add(p);
                }
            }
        }
        counts.remove(pair);
        for (long p : grown) {
            long cnt = counts.get(p, 0);
            if (cnt > 0) queue.add(new long[] {cnt, p});
        }
    }

    private void decrement(long p, long f) {
        if (counts.add(p, -f) == 0) counts.remove(p);
    }

    private static boolean contains(int[] s, int n, int a, int b) {
        for (int i = 0; i + 1 < n; i++) if (s[i] == a && s[i + 1] == b) return true;
        return false;
    }

    static long pair(int a, int b) { return ((long) a << 32) | (b & 0xFFFFFFFFL); }

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] out = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }
}
