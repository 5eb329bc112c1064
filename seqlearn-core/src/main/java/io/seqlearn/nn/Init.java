package io.seqlearn.nn;

import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;

/**
 * Weight initialisers, in place. Fan-in/fan-out follow PyTorch's {@code _calculate_fan_in_and_fan_out}:
 * for a (out, in, k…) tensor, fan_in = in·k…, fan_out = out·k….
 */
public final class Init {
    private Init() {}

    static int fanIn(Tensor w) {
        if (w.rank() < 2) throw new ShapeException("init: fan-in needs rank >= 2, got rank " + w.rank());
        return w.numel() / w.size(0);
    }

    static int fanOut(Tensor w) {
        if (w.rank() < 2) throw new ShapeException("init: fan-out needs rank >= 2, got rank " + w.rank());
        return w.numel() / w.size(1);
    }

    /** U(lo, hi). */
    public static Tensor uniform(Tensor t, Rng rng, double lo, double hi) {
        for (int i = 0, n = t.numel(); i < n; i++) t.put(t.offset() + i, rng.uniform(lo, hi));
        return t;
    }

    /** N(mean, std²). */
    public static Tensor normal(Tensor t, Rng rng, double mean, double std) {
        for (int i = 0, n = t.numel(); i < n; i++) t.put(t.offset() + i, mean + std * rng.normal());
        return t;
    }

    /** Constant. */
    public static Tensor constant(Tensor t, double v) { return t.fill(v); }

    /** PyTorch's Linear/RNN default: U(−1/√fan, 1/√fan) (kaiming_uniform with a = √5 reduces to this). */
    public static Tensor pytorchDefault(Tensor t, Rng rng, int fan) {
        double b = 1.0 / Math.sqrt(fan);
        return uniform(t, rng, -b, b);
    }

    /** Glorot/Xavier uniform: U(±gain·√(6/(fan_in+fan_out))). Keras' default for Dense. */
    public static Tensor xavierUniform(Tensor t, Rng rng, double gain) {
        double b = gain * Math.sqrt(6.0 / (fanIn(t) + fanOut(t)));
        return uniform(t, rng, -b, b);
    }

    /** Glorot/Xavier normal: N(0, gain²·2/(fan_in+fan_out)). */
    public static Tensor xavierNormal(Tensor t, Rng rng, double gain) {
        return normal(t, rng, 0, gain * Math.sqrt(2.0 / (fanIn(t) + fanOut(t))));
    }

    /** He/Kaiming uniform for ReLU: U(±√(6/fan_in)). */
    public static Tensor heUniform(Tensor t, Rng rng) {
        double b = Math.sqrt(6.0 / fanIn(t));
        return uniform(t, rng, -b, b);
    }

    /** He/Kaiming normal for ReLU: N(0, 2/fan_in). */
    public static Tensor heNormal(Tensor t, Rng rng) { return normal(t, rng, 0, Math.sqrt(2.0 / fanIn(t))); }

    /**
     * (Semi-)orthogonal init (Saxe et al. 2014), Keras' default for recurrent kernels: QR of a Gaussian
     * matrix by modified Gram–Schmidt, signs fixed by R's diagonal, scaled by {@code gain}.
     */
    public static Tensor orthogonal(Tensor t, Rng rng, double gain) {
        int rows = t.size(0), cols = t.numel() / rows;
        boolean transpose = rows < cols;
        int n = transpose ? cols : rows, m = transpose ? rows : cols; // n >= m: orthonormal columns
        double[][] a = new double[m][n];
        for (int j = 0; j < m; j++) for (int i = 0; i < n; i++) a[j][i] = rng.normal();
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += a[j][i] * a[k][i];
                for (int i = 0; i < n; i++) a[j][i] -= dot * a[k][i];
            }
            double norm = 0;
            for (int i = 0; i < n; i++) norm += a[j][i] * a[j][i];
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) a[j][i] /= norm;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = transpose ? a[r][c] : a[c][r];
                t.put(t.offset() + r * cols + c, gain * v);
            }
        }
        return t;
    }
}
