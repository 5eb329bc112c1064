package io.seqlearn.bench.kernels;

import io.seqlearn.backend.BinaryOp;
import io.seqlearn.backend.UnaryOp;
import io.seqlearn.backend.cpu.CpuBackend;
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

/**
 * Element-wise F32 kernels of CpuBackend over n floats, and {@code System.arraycopy} of n floats as the
 * memory-speed yardstick. KernelReport turns times into GB/s counting the bytes each op must move
 * (binary: 12 per element, unary: 8, copy: 8).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ElementwiseBench {
    @Param({"add", "mul", "tanh", "sigmoid", "exp", "gelu", "copy"})
    public String op;

    /** 64 Ki floats fit in L2 (256 KiB per array); 4 Mi floats (16 MiB) do not fit any cache here. */
    @Param({"65536", "4194304"})
    public int n;

    @Param({"2"})
    public int threads;

    private float[] x, z, y;
    private CpuBackend cpu;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(2);
        x = new float[n];
        z = new float[n];
        y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 8 - 4);
            z[i] = (float) (rnd.nextDouble() * 8 - 4);
        }
        cpu = new CpuBackend(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() { cpu.close(); }

    @Benchmark
    public float[] run() {
        switch (op) {
            case "add" -> cpu.binary(BinaryOp.ADD, x, 0, z, 0, y, 0, n);
            case "mul" -> cpu.binary(BinaryOp.MUL, x, 0, z, 0, y, 0, n);
            case "tanh" -> cpu.unary(UnaryOp.TANH, x, 0, y, 0, n);
            case "sigmoid" -> cpu.unary(UnaryOp.SIGMOID, x, 0, y, 0, n);
            case "exp" -> cpu.unary(UnaryOp.EXP, x, 0, y, 0, n);
            case "gelu" -> cpu.unary(UnaryOp.GELU, x, 0, y, 0, n);
            case "copy" -> System.arraycopy(x, 0, y, 0, n);
            default -> throw new IllegalArgumentException("ElementwiseBench: unknown op " + op);
        }
        return y;
    }
}
