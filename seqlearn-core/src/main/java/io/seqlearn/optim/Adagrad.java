package io.seqlearn.optim;

import io.seqlearn.tensor.Tensor;

import java.util.List;

/**
 * Adagrad (Duchi et al., 2011), as {@code torch.optim.Adagrad}, step for step. At step t with learning
 * rate decay δ and weight decay λ:
 * <pre>
 *   g ← g + λ θ                       (if λ ≠ 0)
 *   clr = lr / (1 + (t − 1) δ)
 *   s ← s + g²
 *   θ ← θ − clr · g / (√s + ε)
 * </pre>
 * Defaults: δ = 0, λ = 0, initial accumulator value 0, ε = 1e-10 (PyTorch's; its default lr is 0.01).
 * State: {@code sum}.
 */
public final class Adagrad extends PerParameterOptimizer {
    private final Options o;

    public record Options(double lrDecay, double weightDecay, double initialAccumulatorValue, double eps) {
        public Options {
            if (!(lrDecay >= 0)) throw new IllegalArgumentException("Adagrad: lr decay must be >= 0, got " + lrDecay);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("Adagrad: weight decay must be >= 0, got " + weightDecay);
            if (!(initialAccumulatorValue >= 0)) {
                throw new IllegalArgumentException("Adagrad: initial accumulator value must be >= 0, got " + initialAccumulatorValue);
            }
            if (!(eps >= 0)) throw new IllegalArgumentException("Adagrad: eps must be >= 0, got " + eps);
        }

        public static Options defaults() { return new Options(0, 0, 0, 1e-10); }

        public Options withLrDecay(double d) { return new Options(d, weightDecay, initialAccumulatorValue, eps); }

        public Options withWeightDecay(double w) { return new Options(lrDecay, w, initialAccumulatorValue, eps); }

        public Options withInitialAccumulatorValue(double v) { return new Options(lrDecay, weightDecay, v, eps); }

        public Options withEps(double e) { return new Options(lrDecay, weightDecay, initialAccumulatorValue, e); }
    }

    public Adagrad(List<Tensor> params, double lr) { this(params, lr, Options.defaults()); }

    public Adagrad(List<Tensor> params, double lr, Options options) {
        super(params, lr);
        this.o = options;
    }

    public Options options() { return o; }

    @Override
    protected void updateF(float[] p, int po, float[] g, int go, int n, ParamState s) {
        float negClr = (float) -(lr / (1 + (s.step() - 1) * o.lrDecay()));
        float wd = (float) o.weightDecay(), eps = (float) o.eps();
        float[] sum = s.buffer("sum", o.initialAccumulatorValue()).dataF();
        for (int i = 0; i < n; i++) {
            float gi = g[go + i];
            if (wd != 0) gi = gi + wd * p[po + i];
            sum[i] = sum[i] + gi * gi;
            p[po + i] = p[po + i] + negClr * gi / ((float) Math.sqrt(sum[i]) + eps);
        }
    }

    @Override
    protected void updateD(double[] p, int po, double[] g, int go, int n, ParamState s) {
        double negClr = -(lr / (1 + (s.step() - 1) * o.lrDecay()));
        double wd = o.weightDecay(), eps = o.eps();
        double[] sum = s.buffer("sum", o.initialAccumulatorValue()).dataD();
        for (int i = 0; i < n; i++) {
            double gi = g[go + i];
            if (wd != 0) gi = gi + wd * p[po + i];
            sum[i] = sum[i] + gi * gi;
            p[po + i] = p[po + i] + negClr * gi / (Math.sqrt(sum[i]) + eps);
        }
    }
}
