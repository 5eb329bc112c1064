package io.seqlearn.nn.rnn;

/**
 * W_hh (G·H, Hr) of one direction repacked once per pass into 16-column panels for {@link TileKernel}, in
 * the order that pass needs (forward or backward product). Units are padded to Hp = ⌈H/16⌉·16 and
 * columns to Hrp = ⌈Hr/16⌉·16 with zeros, so every tile is full.
 * <ul>
 *   <li>{@code forward}: for the recurrent product rec = h·W_hhᵀ, panel (ub, g) holds rows
 *       g·H + 16·ub … +16 of W_hh transposed: {@code forward[((ub·G + g)·Hr + q)·16 + u] = W_hh[g·H + 16ub + u, q]}.
 *       A block of 16 hidden units thus owns G consecutive panels: all its gates come from one item.</li>
 *   <li>{@code backward}: for dh_{t−1} = dG·W_hh, panel c holds columns 16c … +16 of W_hh with rows in
 *       unit-block order k' = (ub·G + g)·16 + u: {@code backward[(c·G·Hp + k')·16 + v] = W_hh[g·H + 16ub + u, 16c + v]}.</li>
 * </ul>
 */
final class PackedWeights {
    final int gates;
    final int hidden;
    final int out;
    final int unitBlocks;
    final int colBlocks;
    final float[] forward;
    final float[] backward;

    /**
     * Packs W_hh for the forward product ({@code forBackward} false: {@link #forward} only) or for the
     * backward one ({@code forBackward} true: {@link #backward} only); each pass needs just its own order.
     */
    PackedWeights(float[] w, int gates, int hidden, int out, boolean forBackward) {
        this.gates = gates;
        this.hidden = hidden;
        this.out = out;
        this.unitBlocks = (hidden + 15) / 16;
        this.colBlocks = (out + 15) / 16;
        this.forward = forBackward ? null : packForward(w);
        this.backward = forBackward ? packBackward(w) : null;
    }

    /** Inference passes that found their packed W_hh in {@link #forInference}'s cache (for tests). */
    static final java.util.concurrent.atomic.AtomicLong CACHE_HITS = new java.util.concurrent.atomic.AtomicLong();
    private static final int CACHE_SIZE = 8;
    /** W_hh arrays larger than this (floats; 8 MB) are packed every time, not cached. */
    private static final int CACHE_MAX_FLOATS = 1 << 21;
    private static final Cached[] CACHE = new Cached[CACHE_SIZE];
    private static int cacheNext;

    /** A forward packing with the W_hh contents it was made from. */
    private record Cached(java.lang.ref.WeakReference<float[]> source, float[] contents, PackedWeights packed) {}

    /**
     * The forward packing for an inference pass, reused from an earlier pass over the same, unchanged W_hh
     * array: streaming inference and decoding call the layer again and again with the same weights, and
     * packing W_hh cost about a tenth of a batch-1 forward at H = 256. "Unchanged" is checked on the
     * contents (a compare is several times cheaper than a packing), so weights updated in place are packed
     * anew. Training passes do not use it: their weights change every step. Memory: at most 8 entries of
     * W_hh up to 8 MB each (a copy and the packing, ≤ 128 MB in all); an entry whose weights were garbage
     * collected is dropped at the next lookup.
     */
    static PackedWeights forInference(float[] w, int gates, int hidden, int out) {
        if (w.length > CACHE_MAX_FLOATS) return new PackedWeights(w, gates, hidden, out, false);
        synchronized (CACHE) {
            for (int i = 0; i < CACHE_SIZE; i++) {
                Cached c = CACHE[i];
                if (c == null) continue;
                float[] src = c.source.get();
                if (src == null) {
                    CACHE[i] = null;
                } else if (src == w && c.packed.gates == gates && c.packed.hidden == hidden && c.packed.out == out
                        && java.util.Arrays.equals(c.contents, w)) {
                    CACHE_HITS.incrementAndGet();
                    return c.packed;
                }
            }
        }
        PackedWeights p = new PackedWeights(w, gates, hidden, out, false);
        Cached entry = new Cached(new java.lang.ref.WeakReference<>(w), w.clone(), p);
        synchronized (CACHE) {
            int slot = -1;
            for (int i = 0; i < CACHE_SIZE && slot < 0; i++) {
                Cached c = CACHE[i];
                if (c != null && c.source.get() == w) slot = i;   // the same array with new contents: its entry
            }
            for (int i = 0; i < CACHE_SIZE && slot < 0; i++) if (CACHE[i] == null) slot = i;
            if (slot < 0) {
                slot = cacheNext;
                cacheNext = (cacheNext + 1) % CACHE_SIZE;
            }
            CACHE[slot] = entry;
        }
        return p;
    }

    private float[] packForward(float[] w) {
        float[] f = new float[unitBlocks * gates * out * 16];
        for (int ub = 0; ub < unitBlocks; ub++) {
            for (int g = 0; g < gates; g++) {
                int base = (ub * gates + g) * out * 16, units = Math.min(16, hidden - 16 * ub);
                int row0 = (g * hidden + 16 * ub) * out;
                // write the panel in order (16 read streams, one per unit row) rather than scatter with stride 16
                for (int q = 0; q < out; q++) {
                    int o = base + q * 16;
                    for (int u = 0; u < units; u++) f[o + u] = w[row0 + u * out + q];
                }
            }
        }
        return f;
    }

    /** Bytes of W_hh packed for the forward product (what a step streams, either pass within padding). */
    long bytes() { return 4L * unitBlocks * gates * out * 16; }

    private float[] packBackward(float[] w) {
        int k = unitBlocks * gates * 16;
        float[] b = new float[colBlocks * k * 16];
        for (int ub = 0; ub < unitBlocks; ub++) {
            for (int g = 0; g < gates; g++) {
                for (int u = 0; u < 16 && 16 * ub + u < hidden; u++) {
                    int row = (g * hidden + 16 * ub + u) * out, kk = (ub * gates + g) * 16 + u;
                    for (int v = 0; v < out; v++) b[((v / 16) * k + kk) * 16 + v % 16] = w[row + v];
                }
            }
        }
        return b;
    }

    /** Rows of a forward panel's K dimension (= Hr). */
    int forwardK() { return out; }

    /** Offset of forward panel (ub, g). */
    int forwardPanel(int ub, int g) { return (ub * gates + g) * out * 16; }

    /** K of the backward product: G·Hp. */
    int backwardK() { return unitBlocks * gates * 16; }

    /** Offset of backward panel c. */
    int backwardPanel(int c) { return c * backwardK() * 16; }
}
