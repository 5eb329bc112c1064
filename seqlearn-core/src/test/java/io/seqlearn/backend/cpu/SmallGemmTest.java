package io.seqlearn.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seqlearn.backend.ref.JavaBackend;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Java GEMM on its own, at shapes CpuBackend would send to OpenBLAS: it is the whole GEMM wherever the
 * native library is missing. m = 9 runs two four-row blocks and one single row; n = 1030 spans three
 * column tiles with a scalar tail.
 */
class SmallGemmTest {
    static final JavaBackend REF = new JavaBackend();

    @Test
    void matchesReferenceForEveryTransposeF32AndF64() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] sizes = {{9, 1030, 13}, {5, 17, 64}, {12, 8, 3}};
        for (int[] s : sizes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                int m = s[0], n = s[1], k = s[2];
                int lda = (ta ? m : k) + 1, ldb = (tb ? k : n) + 2, ldc = n + 3;
                float[] a = floats((ta ? k : m) * lda, rnd), b = floats((tb ? n : k) * ldb, rnd);
                float[] c = floats(m * ldc, rnd), want = c.clone();
                REF.sgemm(ta, tb, m, n, k, 0.7f, a, 0, lda, b, 0, ldb, -0.5f, want, 0, ldc);
                SmallGemm.sgemm(ta, tb, m, n, k, 0.7f, a, 0, lda, b, 0, ldb, -0.5f, c, 0, ldc);
                for (int i = 0; i < c.length; i++) {
                    int at = i;
                    assertTrue(Math.abs(c[i] - want[i]) <= 1e-5 * k, () -> "f32 " + java.util.Arrays.toString(s)
                            + " ta=" + ta + " tb=" + tb + " at " + at + ": " + c[at] + " vs " + want[at]);
                }
                double[] ad = doubles((ta ? k : m) * lda, rnd), bd = doubles((tb ? n : k) * ldb, rnd);
                double[] cd = doubles(m * ldc, rnd), wantD = cd.clone();
                REF.dgemm(ta, tb, m, n, k, 0.7, ad, 0, lda, bd, 0, ldb, -0.5, wantD, 0, ldc);
                SmallGemm.dgemm(ta, tb, m, n, k, 0.7, ad, 0, lda, bd, 0, ldb, -0.5, cd, 0, ldc);
                for (int i = 0; i < cd.length; i++) {
                    int at = i;
                    assertTrue(Math.abs(cd[i] - wantD[i]) <= 1e-13 * k, () -> "f64 " + java.util.Arrays.toString(s)
                            + " ta=" + ta + " tb=" + tb + " at " + at + ": " + cd[at] + " vs " + wantD[at]);
                }
            }
        }
    }

    private static float[] floats(int n, SplittableRandom rnd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }

    private static double[] doubles(int n, SplittableRandom rnd) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rnd.nextDouble() * 2 - 1;
        return x;
    }
}
