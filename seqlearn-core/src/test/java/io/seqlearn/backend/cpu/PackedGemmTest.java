package io.seqlearn.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seqlearn.backend.ref.JavaBackend;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The packed GEMM {@code C = A·op(W) + beta·C} against JavaBackend's sgemm (accumulation rounding,
 * {@code k·eps·Σ|a||w|} per element) and, bit for bit, against a scalar loop doing the same fma sequence
 * (the documented arithmetic): every row count 1…70 (all micro-kernel remainders), n off the 16-column
 * panel, k off the 256-row block, beta 0/1/other, offsets and leading dimensions larger than the rows.
 */
class PackedGemmTest {
    static final CpuBackend CPU = new CpuBackend(2);
    static final JavaBackend REF = new JavaBackend();
    static final float[] BETAS = {0f, 1f, -0.75f};

    @AfterAll
    static void close() { CPU.close(); }

    @Test
    void everyRowCountMatchesReference() {
        SplittableRandom rnd = new SplittableRandom(11);
        // (k, n): k below, at and across a KC = 256 block; n below, at, and off a multiple of 16
        int[][] kn = {{1, 1}, {5, 16}, {37, 53}, {256, 33}, {300, 40}};
        for (int[] s : kn) {
            for (int m = 1; m <= 70; m++) check(m, s[0], s[1], (m & 1) == 0, BETAS[m % 3], 0, 0, 0, rnd);
        }
    }

    @Test
    void offsetsLeadingDimensionsAndBothOrientations() {
        SplittableRandom rnd = new SplittableRandom(12);
        int[][] mkn = {{7, 600, 129}, {64, 128, 200}, {13, 513, 17}, {32, 40, 200}, {70, 257, 95}};
        for (int[] s : mkn) {
            for (boolean transpose : new boolean[] {false, true}) {
                for (float beta : BETAS) check(s[0], s[1], s[2], transpose, beta, 3, 5, 7, rnd);
            }
        }
    }

    @Test
    void moreRowsThanOneRowBlock() {
        // m > MC = 120 exercises the row blocks; the columns still split over two threads
        check(250, 300, 70, true, 1f, 1, 0, 2, new SplittableRandom(13));
        check(121, 64, 512, false, 0f, 0, 0, 0, new SplittableRandom(14));
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        SplittableRandom rnd = new SplittableRandom(15);
        int m = 64, k = 300, n = 1000; // 63 panels: 32 + 31 on 2 threads, 21 × 3 on 3; the last is 8 wide
        assertTrue((long) m * n * k >= PackedGemm.PARALLEL_MNK);
        float[] w = random(n * k, rnd), a = random(m * k, rnd), c0 = random(m * n, rnd);
        float[][] results = new float[3][];
        for (int threads = 1; threads <= 3; threads++) {
            try (CpuBackend cpu = new CpuBackend(threads)) {
                PackedMatrix p = cpu.pack(w, 0, n, k, true);
                float[] c = c0.clone();
                cpu.gemm(m, a, 0, k, p, 1f, c, 0, n);
                results[threads - 1] = c;
            }
        }
        assertArrayEquals(results[0], results[1]);
        assertArrayEquals(results[0], results[2]);
    }

    @Test
    void onePackServesManyProductsAndIsASnapshot() {
        SplittableRandom rnd = new SplittableRandom(16);
        int m = 32, k = 128, n = 300;
        assertTrue((long) m * n * k >= PackedGemm.PARALLEL_MNK); // the pooled path
        float[] w = random(n * k, rnd);
        PackedMatrix p = CPU.pack(w, 0, n, k, true);
        assertEquals(k, p.rows());
        assertEquals(n, p.cols());
        assertEquals(4L * k * 304, p.bytes()); // n rounded up to whole 16-column panels
        float[] original = w.clone();
        Arrays.fill(w, 1e6f); // later changes to W must not reach the packed copy
        for (int step = 0; step < 5; step++) {
            float[] a = random(m * k, rnd), c = new float[m * n], want = new float[m * n];
            CPU.gemm(m, a, 0, k, p, 0f, c, 0, n);
            fmaReference(m, k, n, a, 0, k, original, 0, true, 0f, want, 0, n);
            assertArrayEquals(want, c, "step " + step);
        }
    }

    @Test
    void betaZeroIgnoresNaNAndEmptySizesOnlyScale() {
        SplittableRandom rnd = new SplittableRandom(17);
        int m = 9, k = 20, n = 40;
        float[] w = random(k * n, rnd), a = random(m * k, rnd), c = new float[m * n];
        Arrays.fill(c, Float.NaN);
        CPU.gemm(m, a, 0, k, CPU.pack(w, 0, k, n, false), 0f, c, 0, n);
        for (float v : c) assertTrue(Float.isFinite(v));

        PackedMatrix empty = CPU.pack(w, 0, 0, n, false); // k = 0: C = beta·C
        float[] scaled = new float[m * n];
        Arrays.fill(scaled, 2f);
        CPU.gemm(m, a, 0, 1, empty, 0.5f, scaled, 0, n);
        for (float v : scaled) assertEquals(1f, v, 0f);
        Arrays.fill(scaled, Float.NaN);
        CPU.gemm(m, a, 0, 1, empty, 0f, scaled, 0, n);
        for (float v : scaled) assertEquals(0f, v, 0f);

        float[] untouched = {3f};
        CPU.gemm(0, new float[0], 0, k, CPU.pack(w, 0, k, n, false), 0f, untouched, 0, n);
        assertEquals(3f, untouched[0], 0f);
    }

    @Test
    void badArgumentsNameTheOpAndTheValues() {
        float[] w = new float[12];
        var shortW = assertThrows(IllegalArgumentException.class, () -> CPU.pack(w, 1, 3, 4, true));
        assertEquals("pack: W (3, 4) needs 12 elements from offset 1, array has 12", shortW.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> CPU.pack(w, 0, -1, 4, false));
        assertEquals("pack: W size expected >= 0, got (-1, 4)", negative.getMessage());

        PackedMatrix p = CPU.pack(w, 0, 3, 4, true); // op(W) = Wᵀ: (4, 3)
        var lda = assertThrows(IllegalArgumentException.class,
                () -> CPU.gemm(2, new float[8], 0, 3, p, 0f, new float[6], 0, 3));
        assertEquals("packed gemm: lda expected >= 4 (columns of A as stored, (2, 4)), got 3", lda.getMessage());
        var shortC = assertThrows(IllegalArgumentException.class,
                () -> CPU.gemm(2, new float[8], 0, 4, p, 0f, new float[6], 1, 3));
        assertEquals("packed gemm: C needs 6 elements from offset 1, array has 6", shortC.getMessage());
        var shortA = assertThrows(IllegalArgumentException.class,
                () -> CPU.gemm(3, new float[8], 0, 4, p, 0f, new float[9], 0, 3));
        assertEquals("packed gemm: A needs 12 elements from offset 0, array has 8", shortA.getMessage());
        var rows = assertThrows(IllegalArgumentException.class,
                () -> CPU.gemm(-1, new float[8], 0, 4, p, 0f, new float[6], 0, 3));
        assertEquals("packed gemm: m expected >= 0, got -1", rows.getMessage());
    }

    /**
     * One product through pack + gemm, with W stored (n, k) when transposed and (k, n) otherwise, A at
     * offset aOff with lda = k + pad, C at cOff with ldc = n + pad. Checks the bits against
     * {@link #fmaReference}, the values against JavaBackend, and that C's padding columns are untouched.
     */
    private static void check(int m, int k, int n, boolean transpose, float beta, int aOff, int wOff, int pad,
                              SplittableRandom rnd) {
        int lda = k + pad, ldc = n + pad;
        float[] w = random(wOff + k * n, rnd);
        float[] a = random(aOff + m * lda, rnd);
        float[] c0 = random(m * ldc + 3, rnd);
        int cOff = 3;
        PackedMatrix p = transpose ? CPU.pack(w, wOff, n, k, true) : CPU.pack(w, wOff, k, n, false);
        float[] got = c0.clone();
        CPU.gemm(m, a, aOff, lda, p, beta, got, cOff, ldc);

        String where = "m=" + m + " k=" + k + " n=" + n + " transpose=" + transpose + " beta=" + beta;
        float[] exact = c0.clone();
        fmaReference(m, k, n, a, aOff, lda, w, wOff, transpose, beta, exact, cOff, ldc);
        assertArrayEquals(exact, got, where); // includes the padding columns and the 3 leading elements

        float[] ref = c0.clone();
        REF.sgemm(false, transpose, m, n, k, 1f, a, aOff, lda, w, wOff, transpose ? k : n, beta, ref, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double scale = beta == 0 ? 0 : Math.abs(beta * c0[cOff + i * ldc + j]);
                for (int q = 0; q < k; q++) {
                    float wv = transpose ? w[wOff + j * k + q] : w[wOff + q * n + j];
                    scale += Math.abs(a[aOff + i * lda + q] * wv);
                }
                int idx = cOff + i * ldc + j;
                double tol = (k + 2) * 0x1p-23 * scale + 1e-30;
                assertEquals(ref[idx], got[idx], tol, where + " at (" + i + ", " + j + ")");
            }
        }
    }

    /** The documented arithmetic: acc = beta·C (0, C for beta 0, 1), then acc = fma(A[i,q], op(W)[q,j], acc). */
    private static void fmaReference(int m, int k, int n, float[] a, int aOff, int lda, float[] w, int wOff,
                                     boolean transpose, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int idx = cOff + i * ldc + j;
                float acc = beta == 0 ? 0f : beta == 1 ? c[idx] : c[idx] * beta;
                for (int q = 0; q < k; q++) {
                    float wv = transpose ? w[wOff + j * k + q] : w[wOff + q * n + j];
                    acc = Math.fma(a[aOff + i * lda + q], wv, acc);
                }
                c[idx] = acc;
            }
        }
    }

    private static float[] random(int size, SplittableRandom rnd) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }
}
