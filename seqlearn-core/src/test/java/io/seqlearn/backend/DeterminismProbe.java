package io.seqlearn.backend;

import io.seqlearn.backend.cpu.CpuBackend;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Prints hashes of the element-wise kernels', sum's and Java GEMM's outputs; see {@link KernelDeterminismTest}. */
public final class DeterminismProbe {
    private DeterminismProbe() {}

    public static void main(String[] args) {
        System.out.println(hashes(args.length > 0 ? Integer.parseInt(args[0]) : 1));
    }

    /** Hashes after {@code rounds} runs of every kernel (many rounds: the loops get JIT-compiled). */
    static String hashes(int rounds) {
        int n = 1024;
        SplittableRandom rnd = new SplittableRandom(9);
        float[] x = new float[n], xp = new float[n], y = new float[n];
        double[] xd = new double[n], xpd = new double[n], yd = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 30 - 15);
            xd[i] = rnd.nextDouble() * 30 - 15;
            xp[i] = Math.abs(x[i]) * 3;
            xpd[i] = Math.abs(xd[i]) * 3;
        }
        StringBuilder out = new StringBuilder();
        try (CpuBackend cpu = new CpuBackend(1)) {
            for (int r = 0; r < rounds; r++) {
                out.setLength(0);
                for (UnaryOp op : UnaryOp.values()) {
                    boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT;
                    cpu.unary(op, positive ? xp : x, 0, y, 0, n);
                    cpu.unary(op, positive ? xpd : xd, 0, yd, 0, n);
                    out.append(op).append('=').append(Arrays.hashCode(y)).append('/').append(Arrays.hashCode(yd)).append(' ');
                }
                out.append("SUM=").append(Double.hashCode(cpu.sum(x, 0, n))).append('/')
                        .append(Double.hashCode(cpu.sum(xd, 0, n))).append(' ');
                // Java GEMM route (m <= 4): the Bᵀ case reduces vector lanes
                cpu.sgemm(false, true, 4, 16, 64, 1f, x, 0, 64, xp, 0, 64, 0f, y, 0, 16);
                cpu.dgemm(false, false, 4, 16, 64, 1.0, xd, 0, 64, xpd, 0, 16, 0.0, yd, 0, 16);
                out.append("GEMM=").append(Arrays.hashCode(y)).append('/').append(Arrays.hashCode(yd)).append(' ');
                for (BinaryOp op : BinaryOp.values()) {
                    cpu.binary(op, xp, 0, x, 0, y, 0, n);
                    cpu.binary(op, xpd, 0, xd, 0, yd, 0, n);
                    out.append(op).append('=').append(Arrays.hashCode(y)).append('/').append(Arrays.hashCode(yd)).append(' ');
                }
            }
        }
        return out.toString().trim();
    }
}
