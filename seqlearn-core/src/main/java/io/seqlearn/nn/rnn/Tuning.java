package io.seqlearn.nn.rnn;

/**
 * Internal switches of the fused kernels (tests use them to force each path; the layers use
 * {@link #DEFAULT}).
 *
 * @param fastPath           use the F32 fast stepper where it applies (F32, no projection)
 * @param minFlopsPerThread  per-step work each extra thread must get before the step is split
 */
record Tuning(boolean fastPath, double minFlopsPerThread) {
    /**
     * A split step costs about a microsecond of hand-over on a quiet machine; 256 KFLOP per thread is ~5 µs
     * of work. Even batch-1 inference at H = 256 splits: each core then keeps its half of W_hh (1 MB) in
     * its own L2 instead of streaming all of it from L3 every step.
     */
    static final Tuning DEFAULT = new Tuning(true, 1 << 18);
    static final Tuning REFERENCE = new Tuning(false, Double.POSITIVE_INFINITY);
    static final Tuning FAST_PARALLEL = new Tuning(true, 1);
    static final Tuning FAST_SERIAL = new Tuning(true, Double.POSITIVE_INFINITY);

    /** Whether the fast stepper applies to this stack. */
    boolean fast(RecurrentSpec spec, io.seqlearn.tensor.DType dtype) {
        return fastPath && dtype == io.seqlearn.tensor.DType.F32 && spec.projSize() == 0;
    }
}
