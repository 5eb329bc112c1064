package io.seqlearn.backend;

import io.seqlearn.backend.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Results must not change once the JIT compiles a kernel: seeded runs and resume depend on it. */
class CpuBackendDeterminismTest {
    @Test void sumsAndSmallProductsAreBitIdenticalThroughWarmUp() {
        CpuBackend cpu = new CpuBackend(2);
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[1003];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble(-1, 1);
        float[] a = new float[3 * 37], b = new float[37 * 5];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble(-1, 1);
        double first = cpu.sum(x, 0, x.length);
        float[] c0 = new float[15];
        cpu.sgemm(false, true, 3, 5, 37, 1f, a, 0, 37, b, 0, 37, 0f, c0, 0, 5);
        for (int rep = 0; rep < 30_000; rep++) {
            assertEquals(Double.doubleToRawLongBits(first), Double.doubleToRawLongBits(cpu.sum(x, 0, x.length)), "sum at rep " + rep);
            if (rep % 10 == 0) {
                float[] c = new float[15];
                cpu.sgemm(false, true, 3, 5, 37, 1f, a, 0, 37, b, 0, 37, 0f, c, 0, 5);
                for (int i = 0; i < 15; i++) assertEquals(Float.floatToRawIntBits(c0[i]), Float.floatToRawIntBits(c[i]), "gemm at rep " + rep);
            }
        }
        cpu.close();
    }
}
