package io.seqlearn.bench.kernels;

import io.seqlearn.backend.cpu.CpuBackend;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Row-major sgemm {@code C = A·B}, (m×k)·(k×n), through CpuBackend (Java heap arrays handed to OpenBLAS
 * by an FFM critical downcall) against a direct bytedeco {@code cblas_sgemm} on native FloatPointer
 * buffers prepared outside the timed loop: the gap is the whole cost of our route. Both use the same
 * OpenBLAS library and thread count. Shapes are "m×n×k"; GFLOP/s = 2mnk / time (see KernelReport).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GemmBench {
    /** Square sizes, the brief's (6400×512)·(512×2048) input projection, an LSTM step (B=64, H=512), and batch 1. */
    @Param({"256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048", "6400x2048x512", "64x2048x512",
            "1x2048x512"})
    public String shape;

    @Param({"2"})
    public int threads;

    private int m, n, k;
    private float[] a, b, c;
    private CpuBackend cpu;
    private FloatPointer pa, pb, pc;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = shape.split("x");
        m = Integer.parseInt(p[0]);
        n = Integer.parseInt(p[1]);
        k = Integer.parseInt(p[2]);
        SplittableRandom rnd = new SplittableRandom(1);
        a = random(m * k, rnd);
        b = random(k * n, rnd);
        c = new float[m * n];
        cpu = new CpuBackend(threads);
        pa = new FloatPointer(a);
        pb = new FloatPointer(b);
        pc = new FloatPointer((long) m * n);
        openblas_nolapack.blas_set_num_threads(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cpu.close();
        pa.close();
        pb.close();
        pc.close();
    }

    @Benchmark
    public float[] cpuBackend() {
        cpu.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        return c;
    }

    @Benchmark
    public FloatPointer directOpenBlas() {
        // CpuBackend keeps OpenBLAS single-threaded and splits over its own pool; the direct route is
        // OpenBLAS's own threading, so it sets its thread count on every call (a cheap call).
        openblas_nolapack.blas_set_num_threads(threads);
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasNoTrans, m, n, k, 1f, pa, k, pb, n, 0f, pc, n);
        return pc;
    }

    private static float[] random(int size, SplittableRandom rnd) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (rnd.nextDouble() - 0.5);
        return x;
    }
}
