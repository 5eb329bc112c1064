package io.seqlearn.nn.rnn;

/**
 * Internal switches of the fused kernels (tests use them to force each path; the layers use
 * {@link #DEFAULT}).
 *
 * @param fastPath           use the F32 fast stepper where it applies (F32, no projection)
 * @param minFlopsPerThread  per-step work each extra thread must get before the step is split
 */
record Tuning(boolean fastPath, double minFlopsPerThread) {
    /** A split step costs a few microseconds of hand-over; below ~1 MFLOP per thread it does not pay. */
    static final Tuning DEFAULT = new Tuning(true, 1 << 20);
    static final Tuning REFERENCE = new Tuning(false, Double.POSITIVE_INFINITY);
    static final Tuning FAST_PARALLEL = new Tuning(true, 1);
    static final Tuning FAST_SERIAL = new Tuning(true, Double.POSITIVE_INFINITY);

    /** Whether the fast stepper applies to this stack. */
    boolean fast(RecurrentSpec spec, io.seqlearn.tensor.DType dtype) {
        return fastPath && dtype == io.seqlearn.tensor.DType.F32 && spec.projSize() == 0;
    }
}
