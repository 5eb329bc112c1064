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

/** Binary kernels, axpy and sum of CpuBackend against the reference, F32 and F64. */
class CpuBackendBinaryTest {
    static final CpuBackend CPU = new CpuBackend(2);
    static final JavaBackend REF = new JavaBackend();
    static final int[] SIZES = {1, 7, 17, 1000, 4099, 70_001};

    @AfterAll
    static void close() { CPU.close(); }

    /** Exact for the IEEE operations and MAX/MIN; POW is the JDK's vector intrinsic. */
    static double maxUlp(BinaryOp op) { return op == BinaryOp.POW ? 2 : 0; }

    static Inputs.Domain domainA(BinaryOp op) {
        return op == BinaryOp.POW ? new Inputs.Domain(-5, 3, true, true) : new Inputs.Domain(-9, 9, false, true);
    }

    static Inputs.Domain domainB(BinaryOp op) {
        return op == BinaryOp.POW ? new Inputs.Domain(-6, 6, false, false) : new Inputs.Domain(-9, 9, false, false);
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void f32MatchesReference(BinaryOp op) {
        SplittableRandom rnd = new SplittableRandom(op.ordinal());
        for (int n : SIZES) {
            float[] a = Inputs.floats(domainA(op), n + 2, rnd), b = Inputs.floats(domainB(op), n + 5, rnd);
            if (op == BinaryOp.POW) for (int i = 0; i < b.length; i += 3) b[i] = Math.round(b[i]); // negative bases
            float[] want = new float[n + 4], got = new float[n + 4];
            Arrays.fill(want, -7f);
            Arrays.fill(got, -7f);
            REF.binary(op, a, 2, b, 5, want, 1, n);
            CPU.binary(op, a, 2, b, 5, got, 1, n);
            for (int i = 0; i < want.length; i++) {
                int at = i;
                assertTrue(Ulp.of(got[i], want[i]) <= maxUlp(op), () -> op + " f32 n=" + n + " at " + at
                        + ": got " + got[at] + " want " + want[at]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void f64MatchesReference(BinaryOp op) {
        SplittableRandom rnd = new SplittableRandom(50 + op.ordinal());
        for (int n : SIZES) {
            double[] a = Inputs.doubles(domainA(op), n + 2, rnd), b = Inputs.doubles(domainB(op), n + 5, rnd);
            if (op == BinaryOp.POW) for (int i = 0; i < b.length; i += 3) b[i] = Math.round(b[i]);
            double[] want = new double[n + 4], got = new double[n + 4];
            REF.binary(op, a, 2, b, 5, want, 1, n);
            CPU.binary(op, a, 2, b, 5, got, 1, n);
            for (int i = 0; i < want.length; i++) {
                int at = i;
                assertTrue(Ulp.of(got[i], want[i]) <= maxUlp(op), () -> op + " f64 n=" + n + " at " + at
                        + ": got " + got[at] + " want " + want[at]);
            }
        }
    }

    @Test
    void axpyEqualsReferenceBitForBit() {
        SplittableRandom rnd = new SplittableRandom(3);
        var domain = new Inputs.Domain(-4, 4, false, false);
        for (int n : SIZES) {
            float[] x = Inputs.floats(domain, n + 3, rnd), y = Inputs.floats(domain, n + 1, rnd);
            float[] want = y.clone(), got = y.clone();
            REF.axpy(n, -0.37f, x, 3, want, 1);
            CPU.axpy(n, -0.37f, x, 3, got, 1);
            assertTrue(Arrays.equals(want, got), "axpy f32 n=" + n);
            double[] xd = Inputs.doubles(domain, n + 3, rnd), yd = Inputs.doubles(domain, n + 1, rnd);
            double[] wantD = yd.clone(), gotD = yd.clone();
            REF.axpy(n, 1.7, xd, 3, wantD, 1);
            CPU.axpy(n, 1.7, xd, 3, gotD, 1);
            assertTrue(Arrays.equals(wantD, gotD), "axpy f64 n=" + n);
        }
    }

    @Test
    void sumMatchesReferenceToDoubleRounding() {
        SplittableRandom rnd = new SplittableRandom(4);
        var domain = new Inputs.Domain(-1, 3, false, false);
        for (int n : new int[] {0, 1, 7, 17, 1000, 4099, 70_001, 200_003}) {
            float[] x = Inputs.floats(domain, n + 2, rnd);
            double[] xd = Inputs.doubles(domain, n + 2, rnd);
            double want = REF.sum(x, 2, n), wantD = REF.sum(xd, 2, n);
            double bound = 1e-15 * (n + 1) * (n + 1);
            assertEquals(want, CPU.sum(x, 2, n), bound, "sum f32 n=" + n);
            assertEquals(wantD, CPU.sum(xd, 2, n), bound, "sum f64 n=" + n);
        }
        assertEquals(Double.NaN, CPU.sum(new float[] {1, Float.NaN, 2, 3, 4, 5, 6, 7, 8, 9}, 0, 10));
    }

    @Test
    void badRangesNameTheOp() {
        for (Backend be : new Backend[] {CPU, REF}) {
            var bin = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> be.binary(BinaryOp.ADD, new double[5], 0, new double[3], 0, new double[5], 0, 5));
            assertEquals("binary ADD: b needs 5 elements from offset 0, array has 3", bin.getMessage());
            var axpy = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> be.axpy(4, 1f, new float[4], -1, new float[4], 0));
            assertEquals("axpy: x needs 4 elements from offset -1, array has 4", axpy.getMessage());
            var sum = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> be.sum(new float[4], 2, 3));
            assertEquals("sum: x needs 3 elements from offset 2, array has 4", sum.getMessage());
        }
    }
}
