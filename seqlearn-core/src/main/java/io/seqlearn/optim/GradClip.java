package io.seqlearn.optim;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping in place, as {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}.
 * Parameters without a gradient are skipped.
 */
public final class GradClip {
    private GradClip() {}

    /** {@link #clipByGlobalNorm(List, double, double)} with the 2-norm. */
    public static double clipByGlobalNorm(List<Tensor> params, double maxNorm) {
        return clipByGlobalNorm(params, maxNorm, 2.0);
    }

    /**
     * Scales all gradients together so that their joint p-norm (as if concatenated into one vector) is at
     * most {@code maxNorm}: {@code total = ‖(‖g₁‖, …, ‖gₖ‖)‖_p}, then every g is multiplied by
     * {@code min(1, maxNorm / (total + 1e-6))} — PyTorch's coefficient, 1e-6 included.
     *
     * <p>When the total norm is NaN or infinite the gradients are left untouched and the norm is returned,
     * so the caller decides (skip the step, stop, …); PyTorch would scale by a NaN coefficient.
     *
     * @param normType p ≥ 1, or {@code Double.POSITIVE_INFINITY} for the max-abs norm
     * @return the total norm before clipping
     */
    public static double clipByGlobalNorm(List<Tensor> params, double maxNorm, double normType) {
        if (!(maxNorm >= 0)) throw new IllegalArgumentException("clip_grad_norm: max norm must be >= 0, got " + maxNorm);
        if (!(normType > 0)) throw new IllegalArgumentException("clip_grad_norm: norm type must be > 0, got " + normType);
        List<Tensor> grads = grads(params);
        double total = totalNorm(grads, normType);
        if (!Double.isFinite(total)) return total;
        double coef = Math.min(1.0, maxNorm / (total + 1e-6));
        if (coef < 1.0) for (Tensor g : grads) scale(g, coef);
        return total;
    }

    /** The joint p-norm of all gradients without changing them (for logging). */
    public static double globalNorm(List<Tensor> params, double normType) {
        return totalNorm(grads(params), normType);
    }

    /** Clamps every gradient element to [−clipValue, clipValue], as {@code clip_grad_value_}. */
    public static void clipByValue(List<Tensor> params, double clipValue) {
        if (!(clipValue >= 0)) throw new IllegalArgumentException("clip_grad_value: clip value must be >= 0, got " + clipValue);
        for (Tensor g : grads(params)) {
            if (g.dtype() == DType.F32) {
                float[] a = g.dataF();
                float c = (float) clipValue;
                for (int i = g.offset(), e = i + g.numel(); i < e; i++) a[i] = Math.min(Math.max(a[i], -c), c);
            } else {
                double[] a = g.dataD();
                for (int i = g.offset(), e = i + g.numel(); i < e; i++) a[i] = Math.min(Math.max(a[i], -clipValue), clipValue);
            }
        }
    }

    /** Gradients of the parameters that have one, made contiguous in place (so loops may run flat). */
    private static List<Tensor> grads(List<Tensor> params) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g == null) continue;
            if (!g.isContiguous()) {
                g = g.contiguousNoGrad();
                p.setGrad(g);
            }
            out.add(g);
        }
        return out;
    }

    private static double totalNorm(List<Tensor> grads, double p) {
        boolean inf = p == Double.POSITIVE_INFINITY;
        double acc = 0;
        for (Tensor g : grads) {
            double n = norm(g, p);
            acc = inf ? Math.max(acc, n) : acc + Math.pow(n, p);
            if (Double.isNaN(n)) return Double.NaN;
        }
        return inf ? acc : Math.pow(acc, 1 / p);
    }

    /** The p-norm of one gradient, accumulated in double (scaled for p = 2 to avoid overflow). */
    private static double norm(Tensor g, double p) {
        int n = g.numel(), off = g.offset();
        boolean f = g.dtype() == DType.F32;
        if (f && p == 2) return l2F32(g.dataF(), off, n);
        float[] a = f ? g.dataF() : null;
        double[] d = f ? null : g.dataD();
        double max = 0, sum = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.abs(f ? a[off + i] : d[off + i]);
            if (Double.isNaN(x)) return Double.NaN;
            max = Math.max(max, x);
            if (p != Double.POSITIVE_INFINITY && p != 2) sum += Math.pow(x, p);
        }
        if (p == Double.POSITIVE_INFINITY || max == 0 || max == Double.POSITIVE_INFINITY) return max;
        if (p != 2) return Math.pow(sum, 1 / p);
        for (int i = 0; i < n; i++) {
            double x = (f ? a[off + i] : d[off + i]) / max;
            sum += x * x;
        }
        return max * Math.sqrt(sum);
    }

    /**
     * One pass for float gradients: a float squared cannot overflow a double, so the double path's
     * rescaling by the maximum (a second pass with a division per element) is not needed. Four
     * accumulators in a fixed order keep the result independent of JIT tier and thread count.
     */
    private static double l2F32(float[] a, int off, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            double x0 = a[off + i], x1 = a[off + i + 1], x2 = a[off + i + 2], x3 = a[off + i + 3];
            s0 += x0 * x0;
            s1 += x1 * x1;
            s2 += x2 * x2;
            s3 += x3 * x3;
        }
        for (; i < n; i++) {
            double x = a[off + i];
            s0 += x * x;
        }
        double sum = (s0 + s1) + (s2 + s3);
        return Math.sqrt(sum);   // NaN or ±Inf in the gradient propagate (Inf² = Inf; NaN stays NaN)
    }

    private static void scale(Tensor g, double coef) {
        if (g.dtype() == DType.F32) {
            float[] a = g.dataF();
            float c = (float) coef;
            for (int i = g.offset(), e = i + g.numel(); i < e; i++) a[i] *= c;
        } else {
            double[] a = g.dataD();
            for (int i = g.offset(), e = i + g.numel(); i < e; i++) a[i] *= coef;
        }
    }
}
