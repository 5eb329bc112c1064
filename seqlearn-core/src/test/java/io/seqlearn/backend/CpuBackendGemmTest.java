package io.seqlearn.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seqlearn.backend.cpu.CpuBackend;
import io.seqlearn.backend.ref.JavaBackend;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * sgemm/dgemm of CpuBackend against the reference, on both routes: Java (m ≤ {@link
 * CpuBackend#JAVA_GEMM_MAX_M} or tiny, split over columns when large) and OpenBLAS (the rest): all four transposes, offsets, leading dimensions larger than the rows, alpha/beta variants.
 * Tolerance: accumulation rounding, {@code k · eps · Σ|a||b|} per element.
 */
class CpuBackendGemmTest {
    static final CpuBackend CPU = new CpuBackend(2);
    static final JavaBackend REF = new JavaBackend();
    /** (m, n, k): tiny and odd, few rows (Java; the last two split over the pool), and OpenBLAS sizes. */
    static final int[][] SIZES = {{1, 1, 1}, {1, 7, 17}, {7, 17, 1}, {4, 4, 4}, {17, 7, 33}, {33, 40, 48},
            {65, 33, 129}, {100, 70, 64}, {4, 4099, 9}, {3, 300, 200},
            // native and split over the pool: by columns (n >= m), by rows (m > n)
            {70, 130, 40}, {210, 70, 33}};
    static final double[][] ALPHA_BETA = {{1, 0}, {0.5, -1.5}, {-2, 1}, {0, 0.25}};

    @AfterAll
    static void close() { CPU.close(); }

    @Test
    void blasLoadedHere() {
        // The jar ships linux-x86_64 OpenBLAS; on this platform falling back to Java would be a silent 10× loss.
        assertTrue(CPU.nativeGemm(), () -> "OpenBLAS did not load: " + CpuBackend.nativeGemmError());
    }

    @Test
    void sgemmMatchesReference() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int[] s : SIZES) {
            for (int t = 0; t < 4; t++) {
                for (double[] ab : ALPHA_BETA) checkF32(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, ab, rnd);
            }
        }
    }

    @Test
    void dgemmMatchesReference() {
        SplittableRandom rnd = new SplittableRandom(8);
        for (int[] s : SIZES) {
            for (int t = 0; t < 4; t++) {
                for (double[] ab : ALPHA_BETA) checkF64(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, ab, rnd);
            }
        }
    }

    @Test
    void largeProductOnOpenBlasThreadsMatchesReference() {
        // m·n·k = 520·512·512 ≥ OPENBLAS_THREADED_MNK: OpenBLAS's own threads, then back to one
        SplittableRandom rnd = new SplittableRandom(10);
        checkF32(520, 512, 512, false, true, new double[] {0.5, -1.5}, rnd);
        checkF32(520, 512, 512, true, false, new double[] {1, 0}, rnd);
    }

    @Test
    void batchEqualsOneProductAtATime() {
        SplittableRandom rnd = new SplittableRandom(9);
        // {count, m, n, k}: many small products (one per task) and a few large ones (each split)
        for (int[] s : new int[][] {{9, 24, 20, 16}, {3, 70, 130, 40}, {1, 210, 70, 33}}) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                int count = s[0], m = s[1], n = s[2], k = s[3];
                int sa = m * k + 3, sb = k * n + 1, sc = m * n + 2;
                float[] a = randomF(count * sa, rnd), b = randomF(count * sb, rnd);
                float[] c0 = randomF(count * sc, rnd), want = c0.clone(), got = c0.clone();
                int[] ao = new int[count], bo = new int[count], co = new int[count];
                for (int i = 0; i < count; i++) {
                    ao[i] = i * sa + 1;
                    bo[i] = (count - 1 - i) * sb;   // not in order: offsets are per product
                    co[i] = i * sc + 2;
                    REF.sgemm(ta, tb, m, n, k, 1.5f, a, ao[i], ta ? m : k, b, bo[i], tb ? k : n, 0.5f, want, co[i], n);
                }
                CPU.sgemmBatch(count, ta, tb, m, n, k, 1.5f, a, ao, ta ? m : k, b, bo, tb ? k : n, 0.5f, got, co, n);
                double tol = 8 * k * Math.ulp(1f) + 4 * Math.ulp(1f);
                for (int i = 0; i < got.length; i++) {
                    int at = i;
                    assertTrue(Math.abs(got[i] - want[i]) <= tol * (1 + Math.abs(want[i])), () -> String.format(
                            "sgemmBatch count=%d m=%d n=%d k=%d ta=%b tb=%b at %d: got %s want %s",
                            count, m, n, k, ta, tb, at, got[at], want[at]));
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNInCAndKZeroScalesC() {
        for (int size : new int[] {3, 40}) {
            float[] a = ones(size * size), b = ones(size * size), c = new float[size * size];
            java.util.Arrays.fill(c, Float.NaN);
            CPU.sgemm(false, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, c, 0, size);
            for (float v : c) assertEquals(size, v, 0f);
            CPU.sgemm(false, false, size, size, 0, 1f, a, 0, 1, b, 0, size, 0.5f, c, 0, size);
            for (float v : c) assertEquals(size / 2f, v, 0f);
        }
    }

    @Test
    void badLeadingDimensionAndShortArraysNameTheOp() {
        for (Backend be : new Backend[] {CPU, REF}) {
            var lda = assertThrows(IllegalArgumentException.class, () -> be.sgemm(false, false, 4, 4, 5, 1f,
                    new float[20], 0, 4, new float[20], 0, 4, 0f, new float[16], 0, 4));
            assertEquals("sgemm: lda expected >= 5 (columns of A as stored, (4, 5)), got 4", lda.getMessage());
            var shortC = assertThrows(IllegalArgumentException.class, () -> be.dgemm(true, true, 40, 40, 40, 1,
                    new double[1600], 0, 40, new double[1600], 0, 40, 0, new double[1600], 1, 40));
            assertEquals("dgemm: C needs 1600 elements from offset 1, array has 1600", shortC.getMessage());
            var negative = assertThrows(IllegalArgumentException.class, () -> be.sgemm(false, false, -1, 4, 5,
                    1f, new float[20], 0, 5, new float[20], 0, 4, 0f, new float[16], 0, 4));
            assertEquals("sgemm: sizes expected >= 0, got (m, n, k) = (-1, 4, 5)", negative.getMessage());
        }
    }

    private static void checkF32(int m, int n, int k, boolean ta, boolean tb, double[] ab, SplittableRandom rnd) {
        int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 1, ldc = n + 2;
        int aOff = 5, bOff = 2, cOff = 7;
        float[] a = randomF((ta ? k : m) * lda + aOff, rnd), b = randomF((tb ? n : k) * ldb + bOff, rnd);
        float[] c0 = randomF(m * ldc + cOff + 3, rnd);
        float[] want = c0.clone(), got = c0.clone();
        REF.sgemm(ta, tb, m, n, k, (float) ab[0], a, aOff, lda, b, bOff, ldb, (float) ab[1], want, cOff, ldc);
        CPU.sgemm(ta, tb, m, n, k, (float) ab[0], a, aOff, lda, b, bOff, ldb, (float) ab[1], got, cOff, ldc);
        double tol = 4 * k * Math.ulp(1f) * Math.abs(ab[0]) + 4 * Math.ulp(1f);
        for (int i = 0; i < got.length; i++) {
            boolean inC = i >= cOff && (i - cOff) / ldc < m && (i - cOff) % ldc < n;
            double bound = inC ? tol * (1 + Math.abs(want[i])) : 0;   // outside C: untouched
            int at = i;
            assertTrue(Math.abs(got[i] - want[i]) <= bound, () -> String.format(
                    "sgemm m=%d n=%d k=%d ta=%b tb=%b alpha=%s beta=%s at %d: got %s want %s",
                    m, n, k, ta, tb, ab[0], ab[1], at, got[at], want[at]));
        }
    }

    private static void checkF64(int m, int n, int k, boolean ta, boolean tb, double[] ab, SplittableRandom rnd) {
        int lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 3, ldc = n + 1;
        int aOff = 1, bOff = 4, cOff = 3;
        double[] a = randomD((ta ? k : m) * lda + aOff, rnd), b = randomD((tb ? n : k) * ldb + bOff, rnd);
        double[] c0 = randomD(m * ldc + cOff + 2, rnd);
        double[] want = c0.clone(), got = c0.clone();
        REF.dgemm(ta, tb, m, n, k, ab[0], a, aOff, lda, b, bOff, ldb, ab[1], want, cOff, ldc);
        CPU.dgemm(ta, tb, m, n, k, ab[0], a, aOff, lda, b, bOff, ldb, ab[1], got, cOff, ldc);
        double tol = 4 * k * Math.ulp(1.0) * Math.abs(ab[0]) + 4 * Math.ulp(1.0);
        for (int i = 0; i < got.length; i++) {
            boolean inC = i >= cOff && (i - cOff) / ldc < m && (i - cOff) % ldc < n;
            double bound = inC ? tol * (1 + Math.abs(want[i])) : 0;
            int at = i;
            assertTrue(Math.abs(got[i] - want[i]) <= bound, () -> String.format(
                    "dgemm m=%d n=%d k=%d ta=%b tb=%b alpha=%s beta=%s at %d: got %s want %s",
                    m, n, k, ta, tb, ab[0], ab[1], at, got[at], want[at]));
        }
    }

    private static float[] randomF(int n, SplittableRandom rnd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }

    private static double[] randomD(int n, SplittableRandom rnd) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rnd.nextDouble() * 2 - 1;
        return x;
    }

    private static float[] ones(int n) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, 1f);
        return x;
    }
}
