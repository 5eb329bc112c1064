package io.seqlearn.optim;

import io.seqlearn.tensor.Tensor;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba, 2015), as {@code torch.optim.Adam}, following its implementation step for step.
 * At step t with gradient g, weight decay λ (L2, added to the gradient):
 * <pre>
 *   g ← g + λ θ                      (if λ ≠ 0)
 *   m ← β₁ m + (1 − β₁) g            (computed as m + (1 − β₁)(g − m), PyTorch's lerp)
 *   v ← β₂ v + (1 − β₂) g²
 *   v̂ ← max(v̂, v) if amsgrad, else v
 *   θ ← θ − lr/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
 * </pre>
 * Defaults: β = (0.9, 0.999), ε = 1e-8, λ = 0, amsgrad off. State: {@code exp_avg}, {@code exp_avg_sq},
 * {@code max_exp_avg_sq} (amsgrad). {@link AdamW} decouples the weight decay instead.
 */
public class Adam extends PerParameterOptimizer {
    private final Options o;
    private final boolean decoupled;

    /** Hyper-parameters other than the learning rate. */
    public record Options(double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        public Options {
            if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("Adam: beta1 expected in [0, 1), got " + beta1);
            if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("Adam: beta2 expected in [0, 1), got " + beta2);
            if (!(eps >= 0)) throw new IllegalArgumentException("Adam: eps must be >= 0, got " + eps);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("Adam: weight decay must be >= 0, got " + weightDecay);
        }

        public static Options defaults() { return new Options(0.9, 0.999, 1e-8, 0, false); }

        public Options withBetas(double b1, double b2) { return new Options(b1, b2, eps, weightDecay, amsgrad); }

        public Options withEps(double e) { return new Options(beta1, beta2, e, weightDecay, amsgrad); }

        public Options withWeightDecay(double w) { return new Options(beta1, beta2, eps, w, amsgrad); }

        public Options withAmsgrad(boolean a) { return new Options(beta1, beta2, eps, weightDecay, a); }
    }

    public Adam(List<Tensor> params, double lr) { this(params, lr, Options.defaults()); }

    public Adam(List<Tensor> params, double lr, Options options) { this(params, lr, options, false); }

    /** For {@link AdamW}: {@code decoupled} applies θ ← θ(1 − lr·λ) instead of adding λθ to the gradient. */
    protected Adam(List<Tensor> params, double lr, Options options, boolean decoupled) {
        super(params, lr);
        this.o = options;
        this.decoupled = decoupled;
    }

    public Options options() { return o; }

    @Override
    protected void updateF(float[] p, int po, float[] g, int go, int n, ParamState s) {
        double bc1 = 1 - Math.pow(o.beta1(), s.step()), bc2 = 1 - Math.pow(o.beta2(), s.step());
        float negStep = (float) -(lr / bc1), bc2Sqrt = (float) Math.sqrt(bc2), eps = (float) o.eps();
        float w1 = (float) (1 - o.beta1()), b2 = (float) o.beta2(), w2 = (float) (1 - o.beta2());
        float l2 = decoupled ? 0 : (float) o.weightDecay(), shrink = (float) (1 - lr * o.weightDecay());
        float[] m = s.f("exp_avg"), v = s.f("exp_avg_sq"), vmax = o.amsgrad() ? s.f("max_exp_avg_sq") : null;
        boolean lerpLow = w1 < 0.5f;
        for (int i = 0; i < n; i++) {
            if (decoupled) p[po + i] = p[po + i] * shrink;
            float gi = g[go + i];
            if (l2 != 0) gi = gi + l2 * p[po + i];
            m[i] = lerpLow ? m[i] + w1 * (gi - m[i]) : gi - (gi - m[i]) * (1 - w1);
            v[i] = v[i] * b2 + w2 * gi * gi;
            float vi = v[i];
            if (vmax != null) vi = vmax[i] = Math.max(vmax[i], vi);
            float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
            p[po + i] = p[po + i] + negStep * m[i] / denom;
        }
    }

    @Override
    protected void updateD(double[] p, int po, double[] g, int go, int n, ParamState s) {
        double bc1 = 1 - Math.pow(o.beta1(), s.step()), bc2 = 1 - Math.pow(o.beta2(), s.step());
        double negStep = -(lr / bc1), bc2Sqrt = Math.sqrt(bc2), eps = o.eps();
        double w1 = 1 - o.beta1(), b2 = o.beta2(), w2 = 1 - o.beta2();
        double l2 = decoupled ? 0 : o.weightDecay(), shrink = 1 - lr * o.weightDecay();
        double[] m = s.d("exp_avg"), v = s.d("exp_avg_sq"), vmax = o.amsgrad() ? s.d("max_exp_avg_sq") : null;
        boolean lerpLow = w1 < 0.5;
        for (int i = 0; i < n; i++) {
            if (decoupled) p[po + i] = p[po + i] * shrink;
            double gi = g[go + i];
            if (l2 != 0) gi = gi + l2 * p[po + i];
            m[i] = lerpLow ? m[i] + w1 * (gi - m[i]) : gi - (gi - m[i]) * (1 - w1);
            v[i] = v[i] * b2 + w2 * gi * gi;
            double vi = v[i];
            if (vmax != null) vi = vmax[i] = Math.max(vmax[i], vi);
            double denom = Math.sqrt(vi) / bc2Sqrt + eps;
            p[po + i] = p[po + i] + negStep * m[i] / denom;
        }
    }
}
