package io.seqlearn.ops;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

/**
 * The kernel of {@link Reductions#sum(Tensor, int, boolean)}: a contiguous (outer, n, inner) block summed
 * over its middle axis into a zeroed (outer, inner) tensor. Each output element adds its n inputs in
 * index order in the tensor's own precision, so the result does not depend on the thread count. Rows of
 * {@code inner} elements are added whole (loops the JIT vectorises), and wide outputs split their columns
 * over the backend's threads: a bias gradient — a (B·T, out) gradient summed down to (out) — was a
 * per-element loop that took 4 % of an attention layer's training step.
 */
final class AxisSum {
    /** Columns per task: below this the hand-off costs more than it saves. */
    private static final int GRAIN_ELEMENTS = 1 << 15;

    private AxisSum() {}

    static void into(Tensor x, int outer, int n, int inner, Tensor out) {
        if (outer == 0 || n == 0 || inner == 0) return;
        int xo = x.offset();
        int columnGrain = Math.max(16, GRAIN_ELEMENTS / Math.max(1, n));
        if (inner == 1) {
            rows(x, xo, outer, n, out);
        } else if (x.dtype() == DType.F32) {
            float[] xs = x.dataF(), ys = out.dataF();
            x.backend().parallelRange(inner, columnGrain, (from, to) -> {
                for (int o = 0; o < outer; o++) {
                    int yo = o * inner;
                    for (int k = 0; k < n; k++) {
                        int base = xo + (o * n + k) * inner;
                        for (int i = from; i < to; i++) ys[yo + i] += xs[base + i];
                    }
                }
            });
        } else {
            double[] xs = x.dataD(), ys = out.dataD();
            x.backend().parallelRange(inner, columnGrain, (from, to) -> {
                for (int o = 0; o < outer; o++) {
                    int yo = o * inner;
                    for (int k = 0; k < n; k++) {
                        int base = xo + (o * n + k) * inner;
                        for (int i = from; i < to; i++) ys[yo + i] += xs[base + i];
                    }
                }
            });
        }
    }

    /** inner = 1: each output is one contiguous run of n inputs, summed left to right. */
    private static void rows(Tensor x, int xo, int outer, int n, Tensor out) {
        if (x.dtype() == DType.F32) {
            float[] xs = x.dataF(), ys = out.dataF();
            for (int o = 0; o < outer; o++) {
                float acc = 0;
                for (int k = 0, b = xo + o * n; k < n; k++) acc += xs[b + k];
                ys[o] = acc;
            }
        } else {
            double[] xs = x.dataD(), ys = out.dataD();
            for (int o = 0; o < outer; o++) {
                double acc = 0;
                for (int k = 0, b = xo + o * n; k < n; k++) acc += xs[b + k];
                ys[o] = acc;
            }
        }
    }
}
