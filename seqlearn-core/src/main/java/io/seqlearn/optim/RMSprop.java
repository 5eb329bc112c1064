package io.seqlearn.optim;

import io.seqlearn.tensor.Tensor;

import java.util.List;

/**
 * RMSprop (Hinton, lecture 6e), as {@code torch.optim.RMSprop}, step for step. With smoothing α, weight
 * decay λ, momentum μ:
 * <pre>
 *   g ← g + λ θ                                   (if λ ≠ 0)
 *   v ← α v + (1 − α) g²
 *   ḡ ← α ḡ + (1 − α) g,  avg = √(v − ḡ²) + ε      (centered)
 *   avg = √v + ε                                   (otherwise)
 *   b ← μ b + g / avg,  θ ← θ − lr · b             (if μ &gt; 0)
 *   θ ← θ − lr · g / avg                           (otherwise)
 * </pre>
 * Defaults: α = 0.99, ε = 1e-8, λ = 0, μ = 0, not centered (PyTorch's; its default lr is 0.01). Note ε
 * is added after the square root, as PyTorch (Keras adds it inside). State: {@code square_avg},
 * {@code grad_avg} (centered), {@code momentum_buffer} (μ &gt; 0).
 */
public final class RMSprop extends PerParameterOptimizer {
    private final Options o;

    public record Options(double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        public Options {
            if (!(alpha >= 0)) throw new IllegalArgumentException("RMSprop: alpha must be >= 0, got " + alpha);
            if (!(eps >= 0)) throw new IllegalArgumentException("RMSprop: eps must be >= 0, got " + eps);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("RMSprop: weight decay must be >= 0, got " + weightDecay);
            if (!(momentum >= 0)) throw new IllegalArgumentException("RMSprop: momentum must be >= 0, got " + momentum);
        }

        public static Options defaults() { return new Options(0.99, 1e-8, 0, 0, false); }

        public Options withAlpha(double a) { return new Options(a, eps, weightDecay, momentum, centered); }

        public Options withEps(double e) { return new Options(alpha, e, weightDecay, momentum, centered); }

        public Options withWeightDecay(double w) { return new Options(alpha, eps, w, momentum, centered); }

        public Options withMomentum(double m) { return new Options(alpha, eps, weightDecay, m, centered); }

        public Options withCentered(boolean c) { return new Options(alpha, eps, weightDecay, momentum, c); }
    }

    public RMSprop(List<Tensor> params, double lr) { this(params, lr, Options.defaults()); }

    public RMSprop(List<Tensor> params, double lr, Options options) {
        super(params, lr);
        this.o = options;
    }

    public Options options() { return o; }

    @Override
    protected void updateF(float[] p, int po, float[] g, int go, int n, ParamState s) {
        float a = (float) o.alpha(), w = (float) (1 - o.alpha()), eps = (float) o.eps();
        float wd = (float) o.weightDecay(), mu = (float) o.momentum(), negLr = (float) -lr;
        float[] v = s.f("square_avg");
        float[] ga = o.centered() ? s.f("grad_avg") : null;
        float[] b = o.momentum() > 0 ? s.f("momentum_buffer") : null;
        boolean lerpLow = w < 0.5f;
        for (int i = 0; i < n; i++) {
            float gi = g[go + i];
            if (wd != 0) gi = gi + wd * p[po + i];
            v[i] = v[i] * a + w * gi * gi;
            float avg;
            if (ga != null) {
                ga[i] = lerpLow ? ga[i] + w * (gi - ga[i]) : gi - (gi - ga[i]) * (1 - w);
                avg = (float) Math.sqrt(v[i] - ga[i] * ga[i]) + eps;
            } else {
                avg = (float) Math.sqrt(v[i]) + eps;
            }
            if (b != null) {
                b[i] = b[i] * mu + gi / avg;
                p[po + i] = p[po + i] + negLr * b[i];
            } else {
                p[po + i] = p[po + i] + negLr * gi / avg;
            }
        }
    }

    @Override
    protected void updateD(double[] p, int po, double[] g, int go, int n, ParamState s) {
        double a = o.alpha(), w = 1 - o.alpha(), eps = o.eps(), wd = o.weightDecay(), mu = o.momentum(), negLr = -lr;
        double[] v = s.d("square_avg");
        double[] ga = o.centered() ? s.d("grad_avg") : null;
        double[] b = mu > 0 ? s.d("momentum_buffer") : null;
        boolean lerpLow = w < 0.5;
        for (int i = 0; i < n; i++) {
            double gi = g[go + i];
            if (wd != 0) gi = gi + wd * p[po + i];
            v[i] = v[i] * a + w * gi * gi;
            double avg;
            if (ga != null) {
                ga[i] = lerpLow ? ga[i] + w * (gi - ga[i]) : gi - (gi - ga[i]) * (1 - w);
                avg = Math.sqrt(v[i] - ga[i] * ga[i]) + eps;
            } else {
                avg = Math.sqrt(v[i]) + eps;
            }
            if (b != null) {
                b[i] = b[i] * mu + gi / avg;
                p[po + i] = p[po + i] + negLr * b[i];
            } else {
                p[po + i] = p[po + i] + negLr * gi / avg;
            }
        }
    }
}
