package io.seqlearn.data.loader;

import io.seqlearn.tensor.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * One epoch's batches as lists of sample indices. Everything is a pure function of its arguments and the
 * {@link Rng}'s draws, so the same seed gives the same epoch.
 */
public final class BatchPlans {
    private BatchPlans() {}

    /**
     * A permutation of 0..n−1 (identity when {@code rng} is null) cut into batches of {@code batchSize} with a
     * smaller last one — exactly {@code TrainingData}'s default, so a plain source gets the same order here as
     * in {@code fit}.
     */
    public static List<int[]> shuffled(int n, int batchSize, Rng rng) {
        checkBatchSize(batchSize);
        int[] order = identity(n);
        if (rng != null) rng.shuffle(order);
        return cut(order, batchSize);
    }

    /**
     * Bucketing by length, as torchtext's {@code BucketIterator}: shuffle all samples, take them in pools of
     * {@code poolBatches · batchSize}, sort each pool by {@code key} (stable, so ties keep the shuffled order),
     * cut it into batches, and finally shuffle the order of all batches. Batches hold samples of similar
     * length (little padding) while the epoch stays random. Pools are whole multiples of the batch size, so
     * only the very last batch can be short. Without an {@code rng} (evaluation, predict) the samples stay in
     * order, unsorted, so predictions line up with the samples.
     *
     * @param key         sort key of sample i, typically its length
     * @param poolBatches batches per pool (torchtext uses 100; 50–100 is typical)
     */
    public static List<int[]> bucketed(int n, IntToLongFunction key, int batchSize, int poolBatches, Rng rng) {
        checkBatchSize(batchSize);
        if (poolBatches < 1) throw new IllegalArgumentException("bucketing: pool must hold >= 1 batches, got " + poolBatches);
        if (rng == null) return shuffled(n, batchSize, null);
        int[] order = identity(n);
        rng.shuffle(order);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) keys[i] = key.applyAsLong(i);
        int pool = (int) Math.min(n, (long) poolBatches * batchSize);
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < n; from += pool) {
            int[] chunk = sortByKey(Arrays.copyOfRange(order, from, Math.min(n, from + pool)), keys);
            batches.addAll(cut(chunk, batchSize));
        }
        int[] batchOrder = identity(batches.size());
        rng.shuffle(batchOrder);
        List<int[]> out = new ArrayList<>(batches.size());
        for (int b : batchOrder) out.add(batches.get(b));
        return out;
    }

    /** {@code plan} without its batches smaller than {@code batchSize} (PyTorch's {@code drop_last}). */
    public static List<int[]> dropLast(List<int[]> plan, int batchSize) {
        List<int[]> out = new ArrayList<>(plan.size());
        for (int[] b : plan) if (b.length >= batchSize) out.add(b);
        return out;
    }

    static void checkBatchSize(int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    private static List<int[]> cut(int[] order, int batchSize) {
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            out.add(Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)));
        }
        return out;
    }

    /** Stable sort of sample indices by their keys (ties keep their position in {@code chunk}). */
    private static int[] sortByKey(int[] chunk, long[] keys) {
        Integer[] pos = new Integer[chunk.length];
        for (int i = 0; i < pos.length; i++) pos[i] = i;
        Arrays.sort(pos, (a, b) -> {
            int c = Long.compare(keys[chunk[a]], keys[chunk[b]]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[chunk.length];
        for (int i = 0; i < out.length; i++) out[i] = chunk[pos[i]];
        return out;
    }
}
