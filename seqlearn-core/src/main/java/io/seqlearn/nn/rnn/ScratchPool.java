package io.seqlearn.nn.rnn;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Float arrays handed back after a training step's backward, reused by the next step's forward instead of
 * a fresh {@code new float[n]}. Why: the activations a recurrent layer saves are written in full every step
 * (LSTM-S: 2.8 MB per batch group), and a new array is zeroed first by the JVM: that zeroing was ~200 µs of
 * the ~2.3 ms forward of each group, all of it on the critical path. A taken array holds stale values: the
 * caller writes every element it reads (see {@link SavedDirection}). Entries are soft references, so
 * arrays not reused are reclaimed by the collector under memory pressure, and the pool keeps at most
 * {@link #MAX_FLOATS} floats.
 */
final class ScratchPool {
    static final long MAX_FLOATS = 1L << 26;
    private static final Map<Integer, ArrayDeque<SoftReference<float[]>>> FREE = new HashMap<>();
    private static long pooled;
    /** Tests: every taken array is filled with NaN first, so an element read before it is written shows. */
    static volatile boolean poison;

    private ScratchPool() {}

    /** An array of length n with unspecified contents: a pooled one, else a new one. */
    static float[] take(int n) {
        float[] a = null;
        synchronized (FREE) {
            ArrayDeque<SoftReference<float[]>> q = FREE.get(n);
            while (a == null && q != null && !q.isEmpty()) {
                a = q.pop().get();
                pooled -= n;
            }
        }
        if (a == null) a = new float[n];
        if (poison) java.util.Arrays.fill(a, Float.NaN);
        return a;
    }

    /** Hands {@code a} back; the caller must not touch it afterwards. Null is ignored. */
    static void give(float[] a) {
        if (a == null) return;
        synchronized (FREE) {
            if (pooled + a.length > MAX_FLOATS) return;
            FREE.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(new SoftReference<>(a));
            pooled += a.length;
        }
    }

    /** Floats held now (cleared soft references included until they are taken); for tests. */
    static long pooledFloats() {
        synchronized (FREE) {
            return pooled;
        }
    }
}
