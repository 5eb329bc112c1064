package io.seqlearn.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The 512-bit kernels give the 256-bit kernels' results bit for bit (each lane runs the same FMAs in the
 * same order), so which one a machine runs never changes a result. On a CPU without AVX-512 the wide kernel
 * runs in the Vector API's Java fallback: slow, but the same arithmetic.
 */
class WideKernelsTest {
    @Test
    void sixRowWideKernelEqualsNarrowBitForBit() {
        SplittableRandom rnd = new SplittableRandom(5);
        int kc = 37, lda = 41, ldc = 19 + PackedKernels.NR;
        float[] a = new float[6 * lda], w = new float[kc * PackedKernels.NR + 3];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
        for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextDouble(-1, 1);
        for (boolean load : new boolean[]{false, true}) {
            float[] narrow = new float[6 * ldc + 2], wide;
            for (int i = 0; i < narrow.length; i++) narrow[i] = (float) rnd.nextDouble(-1, 1);
            wide = narrow.clone();
            PackedKernels.k6x16(kc, a, 1, lda, w, 3, narrow, 2, ldc, load);
            PackedKernels.k6x16w(kc, a, 1, lda, w, 3, wide, 2, ldc, load);
            assertArrayEquals(narrow, wide, "load=" + load);
        }
    }

    @Test
    void eightRowWideKernelEqualsSixPlusTwoNarrowRows() {
        SplittableRandom rnd = new SplittableRandom(6);
        int kc = 29, lda = 33, ldc = 5 + PackedKernels.NR;
        float[] a = new float[8 * lda], w = new float[kc * PackedKernels.NR];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
        for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextDouble(-1, 1);
        for (boolean load : new boolean[]{false, true}) {
            float[] narrow = new float[8 * ldc], wide;
            for (int i = 0; i < narrow.length; i++) narrow[i] = (float) rnd.nextDouble(-1, 1);
            wide = narrow.clone();
            PackedKernels.k6x16(kc, a, 0, lda, w, 0, narrow, 0, ldc, load);
            PackedKernels.k2x16(kc, a, 6 * lda, lda, w, 0, narrow, 6 * ldc, ldc, load);
            PackedKernels.k8x16w(kc, a, 0, lda, w, 0, wide, 0, ldc, load);
            assertArrayEquals(narrow, wide, "load=" + load);
        }
    }

    @Test
    void twoPanelWideKernelEqualsTwoOnePanelCalls() {
        SplittableRandom rnd = new SplittableRandom(7);
        int kc = 23, lda = 27, ldc = 3 * PackedKernels.NR;
        float[] a = new float[8 * lda], w = new float[2 * kc * PackedKernels.NR + 5];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
        for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextDouble(-1, 1);
        int w0 = 5 + kc * PackedKernels.NR, w1 = 2;   // the second panel before the first: any two offsets
        float[] single = new float[8 * ldc], pair = new float[8 * ldc];
        PackedKernels.k8x16w(kc, a, 0, lda, w, w0, single, 0, ldc, false);
        PackedKernels.k8x16w(kc, a, 0, lda, w, w1, single, 2 * PackedKernels.NR, ldc, false);
        PackedKernels.k8x16x2w(kc, a, 0, lda, w, w0, w1, pair, 0, 2 * PackedKernels.NR, ldc);
        assertArrayEquals(single, pair);
    }
}
