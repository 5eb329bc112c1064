package io.seqlearn.bench.kernels;

import io.seqlearn.backend.cpu.CpuBackend;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * A/B check for a shared, noisy machine: in one JVM, alternates one CpuBackend sgemm with one direct
 * OpenBLAS sgemm on the same shape, many rounds, and reports each route's best and median time. Load
 * from other processes hits both routes alike, so the ratio of the best times (the quietest moments)
 * is a steadier figure than two JMH runs minutes apart. Same library, same threads as {@link GemmBench}.
 *
 * <p>Usage: {@code GemmPaired [threads] [seconds per shape]}
 */
public final class GemmPaired {
    private static final String[] SHAPES = {"256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048",
            "6400x2048x512", "64x2048x512", "1x2048x512"};

    private static int threads;

    private GemmPaired() {}

    public static void main(String[] args) {
        threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 6;
        openblas_nolapack.blas_set_num_threads(threads);
        System.out.printf("%n%-16s %10s %10s %8s %10s %10s %8s%n", "paired m×n×k", "cpu best", "dir best",
                "ratio", "cpu med", "dir med", "ratio");
        System.out.printf("%-16s %10s %10s %8s %10s %10s %8s%n", "", "GFLOP/s", "GFLOP/s", "cpu/dir",
                "GFLOP/s", "GFLOP/s", "cpu/dir");
        try (CpuBackend cpu = new CpuBackend(threads)) {
            for (String shape : SHAPES) run(cpu, shape, seconds);
        }
    }

    private static void run(CpuBackend cpu, String shape, double seconds) {
        String[] p = shape.split("x");
        int m = Integer.parseInt(p[0]), n = Integer.parseInt(p[1]), k = Integer.parseInt(p[2]);
        SplittableRandom rnd = new SplittableRandom(1);
        float[] a = random(m * k, rnd), b = random(k * n, rnd), c = new float[m * n];
        try (FloatPointer pa = new FloatPointer(a); FloatPointer pb = new FloatPointer(b);
             FloatPointer pc = new FloatPointer((long) m * n)) {
            long[] cpuNs = new long[100_000], dirNs = new long[100_000];
            int rounds = 0;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            for (int warm = 0; warm < 5; warm++) {
                cpu.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
                direct(m, n, k, pa, pb, pc);
            }
            while ((System.nanoTime() < end || rounds < 5) && rounds < cpuNs.length) {
                long t0 = System.nanoTime();
                cpu.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
                long t1 = System.nanoTime();
                direct(m, n, k, pa, pb, pc);
                long t2 = System.nanoTime();
                cpuNs[rounds] = t1 - t0;
                dirNs[rounds] = t2 - t1;
                rounds++;
            }
            double flops = 2.0 * m * n * k;
            long[] cs = Arrays.copyOf(cpuNs, rounds), ds = Arrays.copyOf(dirNs, rounds);
            Arrays.sort(cs);
            Arrays.sort(ds);
            double cBest = flops / cs[0], dBest = flops / ds[0];
            double cMed = flops / cs[rounds / 2], dMed = flops / ds[rounds / 2];
            System.out.printf("%-16s %10.1f %10.1f %8.2f %10.1f %10.1f %8.2f   (%d rounds)%n", shape, cBest, dBest,
                    cBest / dBest, cMed, dMed, cMed / dMed, rounds);
        }
    }

    private static void direct(int m, int n, int k, FloatPointer pa, FloatPointer pb, FloatPointer pc) {
        openblas_nolapack.blas_set_num_threads(threads);   // CpuBackend resets it to 1 (see GemmBench)
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasNoTrans, m, n, k, 1f, pa, k, pb, n, 0f, pc, n);
    }

    private static float[] random(int size, SplittableRandom rnd) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (rnd.nextDouble() - 0.5);
        return x;
    }
}
