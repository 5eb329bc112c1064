package io.seqlearn.bench.kernels;

import io.seqlearn.backend.cpu.CpuBackend;
import io.seqlearn.backend.cpu.PackedMatrix;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The recurrent step product, packed GEMM ({@link CpuBackend#gemm} on a {@link PackedMatrix} packed once)
 * against {@link CpuBackend#sgemm} (OpenBLAS, which re-packs W on every call), measured INTERLEAVED: every
 * benchmark invocation is one round that times a burst of packed calls and a burst of sgemm calls (about
 * 20 ms each, the order flipping every round), so the load of other processes on this shared machine hits
 * both sides alike. The figure to read is printed at the end of each trial: the median over the
 * measurement rounds of (sgemm time per call / packed time per call), i.e. the packed speedup, with its
 * quartiles and each side's median and best GFLOP/s (2mnk / time). With one thread it also prints the
 * same ratio on the calling thread's CPU time, which does not count time spent descheduled and so is the
 * steadiest kernel-against-kernel figure on a loaded machine. JMH's own score is the time of a whole
 * round, sleeps included, and means little.
 *
 * <p>Each burst is followed by a {@value #SETTLE_MS} ms sleep: after a call OpenBLAS's worker threads
 * busy-wait for the next one for about 2^28 cycles (~0.1 s; measured here: 30–70 ms of CPU burnt in the
 * 500 ms after a single call), which would otherwise take a core from the packed burst that follows.
 * So both sides start each burst with idle workers, as the packed side would inside a recurrent loop
 * that makes no OpenBLAS calls.
 *
 * <p>Shapes are the forward step {@code (m, k, n)} = (B, H, G·H): {@code C[B, G·H] += h[B, H] · W_hhᵀ}
 * with W_hh stored (G·H, H), beta = 1 (the gates already hold the input projection); {@code backward}
 * swaps k and n: {@code dh[B, H] = dG[B, G·H] · W_hh}, no transpose, beta = 0. (32, 128, 512) is LSTM S,
 * (64, 256, 1024) LSTM M, (64, 512, 2048) LSTM L, (64, 512, 1536) and (64, 256, 768) GRU L and M.
 * Suggested run: {@code -wi 2 -w 2s -i 10 -r 2s -f 1} (about 60 rounds per configuration).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PackedGemmBench {
    /** Forward step shapes m×k×n. */
    @Param({"32x128x512", "64x256x1024", "64x512x2048", "64x512x1536", "64x256x768"})
    public String shape;

    @Param({"forward", "backward"})
    public String direction;

    @Param({"2", "1"})
    public int threads;

    /** Length of one side's burst. */
    private static final long BURST_NS = 20_000_000L;
    /** Sleep after each burst, longer than OpenBLAS's busy-wait. */
    static final long SETTLE_MS = 150;
    private static final int MAX_ROUNDS = 1 << 16;
    private static final ThreadMXBean THREAD_CPU = ManagementFactory.getThreadMXBean();

    private int m, n, k, packedReps, blasReps;
    private boolean transpose;
    private float beta;
    private float[] a, w, c;
    private CpuBackend cpu;
    private PackedMatrix packed;
    private long[] packedNs, blasNs, packedCpuNs, blasCpuNs;
    private long lastCpuNs;
    private int rounds;
    private boolean measuring;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = shape.split("x");
        m = Integer.parseInt(p[0]);
        int hidden = Integer.parseInt(p[1]), gates = Integer.parseInt(p[2]);
        transpose = direction.equals("forward");
        if (!transpose && !direction.equals("backward")) {
            throw new IllegalArgumentException("PackedGemmBench: direction expected forward or backward, got " + direction);
        }
        k = transpose ? hidden : gates;
        n = transpose ? gates : hidden;
        beta = transpose ? 1f : 0f;
        SplittableRandom rnd = new SplittableRandom(3);
        a = random(m * k, rnd);
        w = random(k * n, rnd); // W_hh: (G·H, H) = (n, k) forward, (k, n) backward
        c = new float[m * n];
        cpu = new CpuBackend(threads);
        packed = transpose ? cpu.pack(w, 0, n, k, true) : cpu.pack(w, 0, k, n, false);
        checkAgreement();
        packedReps = calibrate(this::packedBurst);
        blasReps = calibrate(this::blasBurst);
        packedNs = new long[MAX_ROUNDS];
        blasNs = new long[MAX_ROUNDS];
        packedCpuNs = new long[MAX_ROUNDS];
        blasCpuNs = new long[MAX_ROUNDS];
    }

    /** Timing a wrong kernel would be worthless: both routes must give the same C. */
    private void checkAgreement() {
        float[] viaPacked = new float[m * n], viaBlas = new float[m * n];
        cpu.gemm(m, a, 0, k, packed, 0f, viaPacked, 0, n);
        blas(viaBlas, 0f);
        for (int i = 0; i < viaPacked.length; i++) {
            if (Math.abs(viaPacked[i] - viaBlas[i]) > 1e-4 * k) {
                throw new IllegalStateException("PackedGemmBench: packed and sgemm differ at " + i + ": "
                        + viaPacked[i] + " vs " + viaBlas[i]);
            }
        }
    }

    /** Calls per burst so that a burst takes about BURST_NS (after 0.3 s of JIT warm-up, the fastest of 20 calls). */
    private int calibrate(java.util.function.IntConsumer burst) {
        for (long end = System.nanoTime() + 300_000_000L; System.nanoTime() < end; ) burst.accept(1);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            burst.accept(1);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return (int) Math.max(1, BURST_NS / Math.max(1, best));
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    @Benchmark
    public float[] interleaved() throws InterruptedException {
        boolean packedFirst = (rounds & 1) == 0;
        long first = packedFirst ? timed(() -> packedBurst(packedReps)) : timed(() -> blasBurst(blasReps));
        long firstCpu = lastCpuNs;
        long second = packedFirst ? timed(() -> blasBurst(blasReps)) : timed(() -> packedBurst(packedReps));
        long secondCpu = lastCpuNs;
        if (measuring && rounds < MAX_ROUNDS) {
            packedNs[rounds] = packedFirst ? first : second;
            blasNs[rounds] = packedFirst ? second : first;
            packedCpuNs[rounds] = packedFirst ? firstCpu : secondCpu;
            blasCpuNs[rounds] = packedFirst ? secondCpu : firstCpu;
            rounds++;
        }
        return c;
    }

    /**
     * Wall time of {@code burst} (and the calling thread's CPU time in {@link #lastCpuNs}); with more than
     * one thread it then sleeps SETTLE_MS so the next burst starts with every worker idle.
     */
    private long timed(Runnable burst) throws InterruptedException {
        long c0 = THREAD_CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        burst.run();
        long t = System.nanoTime() - t0;
        lastCpuNs = THREAD_CPU.getCurrentThreadCpuTime() - c0;
        if (threads > 1) Thread.sleep(SETTLE_MS);
        return t;
    }

    private void packedBurst(int reps) {
        for (int r = 0; r < reps; r++) cpu.gemm(m, a, 0, k, packed, beta, c, 0, n);
    }

    private void blasBurst(int reps) {
        for (int r = 0; r < reps; r++) blas(c, beta);
    }

    private void blas(float[] out, float b) {
        if (transpose) cpu.sgemm(false, true, m, n, k, 1f, a, 0, k, w, 0, k, b, out, 0, n);
        else cpu.sgemm(false, false, m, n, k, 1f, a, 0, k, w, 0, n, b, out, 0, n);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cpu.close();
        if (rounds == 0) return;
        double flops = 2.0 * m * n * k;
        double[] packedGflops = gflops(packedNs, packedReps, flops), blasGflops = gflops(blasNs, blasReps, flops);
        double[] ratio = ratios(packedGflops, blasGflops);
        System.out.printf("%npacked-gemm %s threads=%d m=%d k=%d n=%d: %d rounds, wall-time speedup packed/sgemm"
                        + " median %.2f (p25 %.2f, p75 %.2f); GFLOP/s median packed %.1f sgemm %.1f,"
                        + " best packed %.1f sgemm %.1f",
                direction, threads, m, k, n, rounds, ratio[rounds / 2], ratio[rounds / 4], ratio[rounds * 3 / 4],
                median(packedGflops), median(blasGflops), max(packedGflops), max(blasGflops));
        if (threads == 1) {
            // one thread: all work is on the calling thread, whose CPU time ignores time spent descheduled
            double[] pc = gflops(packedCpuNs, packedReps, flops), bc = gflops(blasCpuNs, blasReps, flops);
            double[] cpuRatio = ratios(pc, bc);
            System.out.printf("; CPU-time speedup median %.2f (p25 %.2f, p75 %.2f), GFLOP per CPU-second"
                            + " median packed %.1f sgemm %.1f", cpuRatio[rounds / 2], cpuRatio[rounds / 4],
                    cpuRatio[rounds * 3 / 4], median(pc), median(bc));
        }
        System.out.println();
    }

    private double[] gflops(long[] ns, int reps, double flops) {
        double[] g = new double[rounds];
        for (int r = 0; r < rounds; r++) g[r] = flops * reps / Math.max(1, ns[r]);
        return g;
    }

    /** Per-round packed/sgemm ratios, sorted. */
    private static double[] ratios(double[] packed, double[] blas) {
        double[] r = new double[packed.length];
        for (int i = 0; i < r.length; i++) r[i] = packed[i] / blas[i];
        Arrays.sort(r);
        return r;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElse(Double.NaN);
    }

    private static float[] random(int size, SplittableRandom rnd) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (rnd.nextDouble() - 0.5);
        return x;
    }
}
