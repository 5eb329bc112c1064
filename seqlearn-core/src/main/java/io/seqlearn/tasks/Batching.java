package io.seqlearn.tasks;

import io.seqlearn.tensor.Backends;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Mini-batches of variable-length sequences. Training batches are drawn as torchtext's
 * {@code BucketIterator} does: shuffle, cut into pools of 50 batches, sort each pool by length, cut into
 * batches and shuffle the batches — so a batch holds sequences of similar length (little padding) while
 * the order stays random. Evaluation batches are simply sorted by length.
 */
final class Batching {
    private static final int POOL = 50;

    private Batching() {}

    /** Index lists of one epoch's batches for sequences of {@code lengths}; {@code rng} null = sorted, no shuffle. */
    static List<int[]> batches(int[] lengths, int batch, Rng rng) {
        int n = lengths.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        if (rng == null) {
            Arrays.sort(order, Comparator.comparingInt(i -> lengths[i]));
            return cut(order, 0, n, batch);
        }
        int[] perm = IntStream.range(0, n).toArray();
        rng.shuffle(perm);
        for (int i = 0; i < n; i++) order[i] = perm[i];
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < n; from += POOL * batch) {
            int to = Math.min(n, from + POOL * batch);
            Arrays.sort(order, from, to, Comparator.comparingInt(i -> lengths[i]));
            out.addAll(cut(order, from, to, batch));
        }
        int[] bo = IntStream.range(0, out.size()).toArray();
        rng.shuffle(bo);
        List<int[]> shuffled = new ArrayList<>(out.size());
        for (int i : bo) shuffled.add(out.get(i));
        return shuffled;
    }

    private static List<int[]> cut(Integer[] order, int from, int to, int batch) {
        List<int[]> out = new ArrayList<>();
        for (int b = from; b < to; b += batch) {
            int[] idx = new int[Math.min(batch, to - b)];
            for (int j = 0; j < idx.length; j++) idx[j] = order[b + j];
            out.add(idx);
        }
        return out;
    }

    /** Token ids of sequences {@code idx} padded with {@code pad} to the longest: (B, T). */
    static Tensor padded(List<int[]> seqs, int[] idx, int pad) {
        int t = 1;
        for (int i : idx) t = Math.max(t, seqs.get(i).length);
        float[] out = new float[idx.length * t];
        Arrays.fill(out, pad);
        for (int b = 0; b < idx.length; b++) {
            int[] s = seqs.get(idx[b]);
            for (int j = 0; j < s.length; j++) out[b * t + j] = s[j];
        }
        return Tensor.wrap(out, Backends.defaultBackend(), idx.length, t);
    }

    /** Lengths (B,) of sequences {@code idx}, at least 1. */
    static Tensor lengths(List<int[]> seqs, int[] idx) {
        float[] out = new float[idx.length];
        for (int b = 0; b < idx.length; b++) out[b] = Math.max(1, seqs.get(idx[b]).length);
        return Tensor.wrap(out, Backends.defaultBackend(), idx.length);
    }

    /** Lengths of every sequence (at least 1), for bucketing. */
    static int[] lengthsOf(List<int[]> seqs) {
        return seqs.stream().mapToInt(s -> Math.max(1, s.length)).toArray();
    }
}
