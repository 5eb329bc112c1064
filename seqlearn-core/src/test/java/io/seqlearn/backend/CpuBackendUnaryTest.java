package io.seqlearn.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seqlearn.backend.cpu.CpuBackend;
import io.seqlearn.backend.ref.JavaBackend;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every unary kernel of CpuBackend against the plain-loop reference, F32 and F64. */
class CpuBackendUnaryTest {
    static final CpuBackend CPU = new CpuBackend(2);
    static final JavaBackend REF = new JavaBackend();
    /** Odd sizes hit the scalar tail; 70 001 is split over the pool. */
    static final int[] SIZES = {1, 7, 17, 1000, 4099, 70_001};
    static final int OFF = 3;
    static final float F_SENTINEL = 12345.5f;

    @AfterAll
    static void close() { CPU.close(); }

    /** The guaranteed bound, in ulps of the reference result (see UnaryF32's and VectorMath's Javadoc). */
    static double maxUlp(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, RELU, SQUARE, SQRT, RECIPROCAL -> 0;
            case TANH_GRAD_FROM_Y -> 1;
            case SIGMOID_GRAD_FROM_Y -> 2;
            case EXP, LOG, GELU -> 2;
            case TANH, SIGMOID -> 3;
        };
    }

    /**
     * GELU's reference is less exact than the kernel: its erf series carries a few 1e-15 of absolute error
     * (8 ulp at x = 7), and {@code 1 + erf(x/√2)} cancels for x ≪ 0. So GELU may also pass absolutely,
     * at 1e-14·|x|; {@link CpuBackendGeluTest} checks the kernel against 40-digit values instead.
     */
    static double absFloor(UnaryOp op, double x) {
        return op == UnaryOp.GELU ? 1e-14 * Math.abs(x) : 0;
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void f32MatchesReference(UnaryOp op) {
        SplittableRandom rnd = new SplittableRandom(op.ordinal());
        double worst = 0;
        for (int n : SIZES) {
            float[] x = Inputs.floats(Inputs.unaryDomain(op), n + OFF + 2, rnd);
            float[] want = filled(n + OFF + 4), got = filled(n + OFF + 4);
            REF.unary(op, x, OFF, want, OFF + 1, n);
            CPU.unary(op, x, OFF, got, OFF + 1, n);
            worst = Math.max(worst, compare(op, x, OFF, want, got, OFF + 1, n));
            float[] inPlace = x.clone();
            CPU.unary(op, inPlace, OFF, inPlace, OFF, n);
            float[] wantInPlace = x.clone();
            System.arraycopy(want, OFF + 1, wantInPlace, OFF, n);
            compare(op, x, OFF, wantInPlace, inPlace, OFF, n);
            assertEquals(x[0], inPlace[0], "in-place " + op + " touched x before the offset");
        }
        System.out.printf("unary %-20s f32 max %.2f ulp%n", op, worst);
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void f64MatchesReference(UnaryOp op) {
        SplittableRandom rnd = new SplittableRandom(100 + op.ordinal());
        double worst = 0;
        for (int n : SIZES) {
            double[] x = Inputs.doubles(Inputs.unaryDomain(op), n + OFF + 2, rnd);
            double[] want = new double[n + OFF + 4], got = new double[n + OFF + 4];
            Arrays.fill(want, F_SENTINEL);
            Arrays.fill(got, F_SENTINEL);
            REF.unary(op, x, OFF, want, OFF + 1, n);
            CPU.unary(op, x, OFF, got, OFF + 1, n);
            worst = Math.max(worst, compare(op, x, OFF, want, got, OFF + 1, n));
            double[] inPlace = x.clone();
            CPU.unary(op, inPlace, OFF, inPlace, OFF, n);
            double[] wantInPlace = x.clone();
            System.arraycopy(want, OFF + 1, wantInPlace, OFF, n);
            compare(op, x, OFF, wantInPlace, inPlace, OFF, n);
        }
        System.out.printf("unary %-20s f64 max %.2f ulp%n", op, worst);
    }

    @Test
    void badRangeNamesTheOpOnBothBackends() {
        for (Backend b : new Backend[] {CPU, REF}) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> b.unary(UnaryOp.EXP, new float[10], 4, new float[10], 0, 7));
            assertEquals("unary EXP: x needs 7 elements from offset 4, array has 10", e.getMessage());
        }
    }

    /** Asserts every element within bounds (and the sentinels around the range untouched); returns max ulp. */
    private static double compare(UnaryOp op, float[] x, int xOff, float[] want, float[] got, int yOff, int n) {
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            boolean inside = i >= yOff && i < yOff + n;
            float xi = inside ? x[xOff + i - yOff] : 0;
            double ulp = Ulp.of(got[i], want[i]);
            double diff = Math.abs((double) got[i] - want[i]);
            boolean ok = ulp <= maxUlp(op) || diff <= absFloor(op, xi);
            int at = i;
            assertTrue(ok, () -> op + " f32 n=" + n + " at " + at + " x=" + xi + ": got " + got[at]
                    + " want " + want[at] + " (" + ulp + " ulp)");
            if (!(diff <= absFloor(op, xi))) worst = Math.max(worst, ulp);
        }
        return worst;
    }

    private static double compare(UnaryOp op, double[] x, int xOff, double[] want, double[] got, int yOff, int n) {
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            boolean inside = i >= yOff && i < yOff + n;
            double xi = inside ? x[xOff + i - yOff] : 0;
            double ulp = Ulp.of(got[i], want[i]);
            double diff = Math.abs(got[i] - want[i]);
            boolean ok = ulp <= maxUlp(op) || diff <= absFloor(op, xi);
            int at = i;
            assertTrue(ok, () -> op + " f64 n=" + n + " at " + at + " x=" + xi + ": got " + got[at]
                    + " want " + want[at] + " (" + ulp + " ulp)");
            if (!(diff <= absFloor(op, xi))) worst = Math.max(worst, ulp);
        }
        return worst;
    }

    private static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, F_SENTINEL);
        return a;
    }
}
