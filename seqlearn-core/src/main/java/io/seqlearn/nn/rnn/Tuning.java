package io.seqlearn.nn.rnn;

/**
 * Internal switches of the fused kernels (tests use them to force each path; the layers use
 * {@link #DEFAULT}).
 *
 * @param fastPath           use the F32 fast stepper where it applies (F32, no projection)
 * @param minFlopsPerThread  per-step work each extra thread must get before the step is split
 * @param minRowsPerThread   batch rows each thread must get before the threads split the batch (each runs
 *                           its own rows through every step, see {@link RowGroups}) instead of splitting
 *                           every step's hidden units
 * @param tileOrderMaxBytes  packed W_hh up to this size is walked tile by tile within a row group, larger
 *                           ones unit block by unit block ({@link RowGroups#tileByTile})
 * @param batchGroups        run each thread's group of batch rows as a whole pass of its own (projection
 *                           GEMMs, steps, weight gradients), see {@link BatchGroups}
 */
record Tuning(boolean fastPath, double minFlopsPerThread, int minRowsPerThread, long tileOrderMaxBytes,
              boolean batchGroups) {
    /**
     * A split step costs about a microsecond of hand-over on a quiet machine; 256 KFLOP per thread is ~5 µs
     * of work. Batch-1 inference at H = 256 (0.5 MFLOP a step, 1 MB of packed W_hh) runs split: each core
     * keeps its half of W_hh in its L2. On Zen 5 (1 MB L2) the split was 10–20 % slower while every block of
     * 16 units was claimed separately, and ~25 % faster once each thread claims one contiguous range per step
     * ({@link FastDirectionForward}); so the threshold is the same with and without AVX-512.
     */
    static final Tuning DEFAULT = new Tuning(true, 1 << 18,
            RowGroups.MIN_ROWS_PER_THREAD, RowGroups.TILE_ORDER_MAX_BYTES, true);
    static final Tuning REFERENCE = new Tuning(false, Double.POSITIVE_INFINITY, Integer.MAX_VALUE, 0, false);
    /** Every step split over the threads by hidden units (column split). */
    static final Tuning FAST_PARALLEL = new Tuning(true, 1, Integer.MAX_VALUE, 0, false);
    /** The batch split over the threads (row split), whatever its size. */
    static final Tuning FAST_ROWS = new Tuning(true, 1, 1, Long.MAX_VALUE, false);
    /** The row split, each group walked unit block by unit block (the order for a large W_hh). */
    static final Tuning FAST_ROWS_BLOCKS = new Tuning(true, 1, 1, 0, false);
    static final Tuning FAST_SERIAL = new Tuning(true, Double.POSITIVE_INFINITY, Integer.MAX_VALUE, RowGroups.TILE_ORDER_MAX_BYTES,
            false);
    /** Batch groups ({@link BatchGroups}) whatever the batch size. */
    static final Tuning FAST_GROUPS = new Tuning(true, 1, 1, RowGroups.TILE_ORDER_MAX_BYTES, true);

    /** The tuning of one batch group's pass: the same kernels on one thread. */
    Tuning insideGroup() {
        return new Tuning(fastPath, Double.POSITIVE_INFINITY, minRowsPerThread, tileOrderMaxBytes, false);
    }

    /** Whether the fast stepper applies to this stack. */
    boolean fast(RecurrentSpec spec, io.seqlearn.tensor.DType dtype) {
        return fastPath && dtype == io.seqlearn.tensor.DType.F32 && spec.projSize() == 0;
    }
}
