package io.seqlearn.optim;

import io.seqlearn.tensor.Tensor;

import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, as {@code torch.optim.SGD} (same update, step for
 * step). With g the gradient, λ the weight decay, μ the momentum, τ the dampening:
 * <pre>
 *   g ← g + λ θ                                  (if λ ≠ 0)
 *   b ← g on the first step, else μ b + (1 − τ) g (if μ ≠ 0)
 *   g ← g + μ b if nesterov, else b               (if μ ≠ 0)
 *   θ ← θ − lr · g
 * </pre>
 * Defaults: momentum 0, dampening 0, weight decay 0, no Nesterov. State: {@code momentum_buffer}.
 * Example: {@code new SGD(model.parameters(), 0.1, SGD.Options.defaults().withMomentum(0.9))}.
 */
public final class SGD extends PerParameterOptimizer {
    private static final String BUF = "momentum_buffer";
    private final Options o;

    /** Hyper-parameters other than the learning rate; see the class formula. */
    public record Options(double momentum, double dampening, double weightDecay, boolean nesterov) {
        public Options {
            if (!(momentum >= 0)) throw new IllegalArgumentException("SGD: momentum must be >= 0, got " + momentum);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("SGD: weight decay must be >= 0, got " + weightDecay);
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum > 0 and zero dampening,"
                        + " got momentum " + momentum + ", dampening " + dampening);
            }
        }

        public static Options defaults() { return new Options(0, 0, 0, false); }

        public Options withMomentum(double m) { return new Options(m, dampening, weightDecay, nesterov); }

        public Options withDampening(double d) { return new Options(momentum, d, weightDecay, nesterov); }

        public Options withWeightDecay(double w) { return new Options(momentum, dampening, w, nesterov); }

        public Options withNesterov(boolean n) { return new Options(momentum, dampening, weightDecay, n); }
    }

    public SGD(List<Tensor> params, double lr) { this(params, lr, Options.defaults()); }

    public SGD(List<Tensor> params, double lr, Options options) {
        super(params, lr);
        this.o = options;
    }

    public Options options() { return o; }

    @Override
    protected void updateF(float[] p, int po, float[] g, int go, int n, ParamState s) {
        float wd = (float) o.weightDecay(), mu = (float) o.momentum(), keep = (float) (1 - o.dampening());
        float rate = (float) lr;
        boolean first = !s.has(BUF);
        float[] b = o.momentum() != 0 ? s.f(BUF) : null;
        for (int i = 0; i < n; i++) {
            float gi = g[go + i];
            if (wd != 0) gi = gi + wd * p[po + i];
            if (b != null) {
                b[i] = first ? gi : b[i] * mu + keep * gi;
                gi = o.nesterov() ? gi + mu * b[i] : b[i];
            }
            p[po + i] = p[po + i] - rate * gi;
        }
    }

    @Override
    protected void updateD(double[] p, int po, double[] g, int go, int n, ParamState s) {
        double wd = o.weightDecay(), mu = o.momentum(), keep = 1 - o.dampening();
        boolean first = !s.has(BUF);
        double[] b = mu != 0 ? s.d(BUF) : null;
        for (int i = 0; i < n; i++) {
            double gi = g[go + i];
            if (wd != 0) gi = gi + wd * p[po + i];
            if (b != null) {
                b[i] = first ? gi : b[i] * mu + keep * gi;
                gi = o.nesterov() ? gi + mu * b[i] : b[i];
            }
            p[po + i] = p[po + i] - lr * gi;
        }
    }
}
