package io.seqlearn.nn.rnn;

import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written vector exp, σ and tanh against double-precision java.lang.Math over a dense grid. */
class FastCellsTest {
    private static final float[] ZERO = new float[FastCells.L];

    /** An array-to-array kernel of FastCells: (src, offset, dst, offset). */
    interface Kernel {
        void apply(float[] x, int xo, float[] y, int yo);
    }

    /** Worst error of f over [lo, hi]: {ulps of the float result, absolute error}. */
    private static double[] worst(Kernel f, DoubleUnaryOperator ref, float lo, float hi, int n) {
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * i / (n - 1);
        for (int i = 0; i < n; i += FastCells.L) f.apply(x, i, y, i);
        double ulps = 0, abs = 0;
        for (int i = 0; i < n; i++) {
            double want = ref.applyAsDouble(x[i]);
            double err = Math.abs(y[i] - want);
            abs = Math.max(abs, err);
            ulps = Math.max(ulps, err / Math.ulp((float) want));
        }
        return new double[]{ulps, abs};
    }

    @Test
    void expIsWithinTwoUlp() {
        double[] w = worst(FastCells::exp, Math::exp, -87f, 88f, 1 << 16);
        assertTrue(w[0] <= 2, "exp ulps " + w[0]);
        w = worst(FastCells::exp, Math::exp, -1f, 1f, 1 << 14);
        assertTrue(w[0] <= 2, "exp ulps near 0: " + w[0]);
    }

    @Test
    void sigmoidAndTanhAreAccurate() {
        double[] s = worst((x, xo, y, yo) -> FastCells.sigmoidSum(x, xo, ZERO, 0, y, yo), v -> 1 / (1 + Math.exp(-v)), -30f, 30f, 1 << 16);
        assertTrue(s[1] <= 3e-7, "sigmoid abs " + s[1]);
        double[] t = worst((x, xo, y, yo) -> FastCells.tanhSum(x, xo, null, 0, y, yo), Math::tanh, -12f, 12f, 1 << 16);
        assertTrue(t[1] <= 3e-7 && t[0] <= 4, "tanh ulps " + t[0] + " abs " + t[1]);
        double[] tiny = worst((x, xo, y, yo) -> FastCells.tanhSum(x, xo, null, 0, y, yo), Math::tanh, -1e-3f, 1e-3f, 1 << 12);
        assertTrue(tiny[0] <= 2, "tanh near 0 keeps relative accuracy: " + tiny[0]);
    }

    @Test
    void extremesSaturateWithoutNaN() {
        float[] extremes = {-1e30f, -200f, -88f, 0f, 88f, 200f, 1e30f, Float.MIN_VALUE};
        float[] x = java.util.Arrays.copyOf(extremes, FastCells.L);   // one vector (8 or 16 lanes)
        float[] s = new float[FastCells.L], t = new float[FastCells.L];
        FastCells.sigmoidSum(x, 0, ZERO, 0, s, 0);
        FastCells.tanhSum(x, 0, null, 0, t, 0);
        assertEquals(0f, s[0], 1e-30);
        assertEquals(1f, s[6]);
        assertEquals(0.5f, s[3]);
        assertEquals(-1f, t[0]);
        assertEquals(1f, t[6]);
        assertEquals(0f, t[3]);
        for (float v : s) assertTrue(!Float.isNaN(v));
    }

    @Test
    void pairsAndRowsGiveTheSingleKernelsBitForBit() {
        java.util.Random rnd = new java.util.Random(3);
        int rows = 5, tw = 64, block = TileKernel.NR, width = 4 * block;
        float[] g = new float[rows * width], tile = new float[rows * tw];
        for (int i = 0; i < g.length; i++) g[i] = (float) (rnd.nextGaussian() * (i % 7 == 0 ? 40 : 2));
        for (int i = 0; i < tile.length; i++) tile[i] = (float) (rnd.nextGaussian() * (i % 5 == 0 ? 1e-4 : 1));
        g[3] = Float.NaN;
        g[width + 1] = 1e30f;
        int[] gp = new int[rows];
        for (int i = 0; i < rows; i++) gp[i] = i * width;
        float[] want = g.clone(), got = g.clone();
        for (int i = 0; i < rows; i++) {
            for (int v = 0; v < block; v += FastCells.L) {
                FastCells.sigmoidSum(want, gp[i] + v, tile, i * tw + v, want, gp[i] + v);
                FastCells.tanhSum(want, gp[i] + block + v, tile, i * tw + 16 + v, want, gp[i] + block + v);
                FastCells.tanhSum(g, gp[i] + 2 * block + v, null, 0, want, gp[i] + 3 * block + v);
            }
        }
        FastCells.sigmoidRows(got, gp, rows, 0, tile, 0, tw);
        FastCells.tanhRows(got, gp, rows, block, tile, 16, tw);
        int[] src = new int[rows], dst = new int[rows];
        for (int i = 0; i < rows; i++) {
            src[i] = gp[i] + 2 * block;
            dst[i] = gp[i] + 3 * block;
        }
        FastCells.tanhRowsOf(g, src, got, dst, rows);
        for (int i = 0; i < g.length; i++) {
            assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), "element " + i);
        }
    }
}
