package io.seqlearn.ops;

import io.seqlearn.backend.cpu.CpuBackend;
import io.seqlearn.tensor.Backends;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Summing along an axis equals the element-by-element reference (each output adds its inputs in index
 * order, in the tensor's precision) bit for bit: on every axis, with the columns split over three threads,
 * on a non-contiguous input, and in F64.
 */
class AxisSumTest {

    /** The reference: out[o, i] = x[o, 0, i] + x[o, 1, i] + … in the dtype's arithmetic, left to right. */
    private static double[] reference(Tensor x, int axis) {
        int[] s = x.shape();
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= s[d];
        for (int d = axis + 1; d < s.length; d++) inner *= s[d];
        int n = s[axis];
        double[] xs = x.toDoubleArray();
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                if (x.dtype() == DType.F32) {
                    float acc = 0;
                    for (int k = 0; k < n; k++) acc += (float) xs[(o * n + k) * inner + i];
                    out[o * inner + i] = acc;
                } else {
                    double acc = 0;
                    for (int k = 0; k < n; k++) acc += xs[(o * n + k) * inner + i];
                    out[o * inner + i] = acc;
                }
            }
        }
        return out;
    }

    private static void check(Tensor x) {
        for (int axis = 0; axis < x.rank(); axis++) {
            Tensor got = x.sum(axis, false);
            double[] want = reference(x.contiguous(), axis);
            assertArrayEquals(want, got.toDoubleArray(), 0.0, x.dtype() + " axis " + axis);
        }
    }

    @Test
    void everyAxisEqualsTheReferenceWithColumnsSplitOverThreads() {
        try (CpuBackend cpu = new CpuBackend(3)) {
            Backends.withDefault(cpu, () -> {
                Rng rng = new Rng(5);
                check(Tensors.randn(DType.F32, rng, 7, 5, 3));
                check(Tensors.randn(DType.F32, rng, 3, 9, 20_011));   // 20,011 columns: several tasks and a tail
                check(Tensors.randn(DType.F64, rng, 4, 6, 10_007));
                check(Tensors.randn(DType.F32, rng, 6, 11).transpose(0, 1));   // non-contiguous input
                return null;
            });
        }
    }

    @Test
    void aBiasGradientSumsTheRowsAndAnEmptyAxisGivesZeros() {
        Tensor g = Tensor.of(new float[]{1, 2, 3, 10, 20, 30}, 2, 3);
        assertArrayEquals(new float[]{11, 22, 33}, Reductions.sumTo(g, new int[]{3}).toFloatArray());
        Tensor empty = Tensors.zeros(DType.F32, 2, 0, 4);
        Tensor s = empty.sum(1, true);
        assertEquals(8, s.numel());
        assertArrayEquals(new float[8], s.toFloatArray());
    }
}
