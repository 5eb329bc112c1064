package io.seqlearn.autograd;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

import java.util.function.Function;

/**
 * Central-difference gradient check in F64: compares autograd's d(sum(f(x) * w))/dx, for a fixed random
 * cotangent w, with (L(x + h) − L(x − h)) / 2h for every element of every input.
 */
public final class GradCheck {
    private GradCheck() {}

    /** Result of a check: the worst relative error and where it occurred. */
    public record Result(double maxRelError, int input, int element, double analytic, double numeric) {
        public boolean passed(double tol) { return maxRelError <= tol; }
    }

    /**
     * Checks {@code f} at {@code inputs} (F64 leaves; each gets requiresGrad). Throws AssertionError with a
     * readable message when the relative error exceeds {@code tol}.
     */
    public static Result check(Function<Tensor[], Tensor> f, double eps, double tol, Tensor... inputs) {
        for (Tensor t : inputs) {
            if (t.dtype() != DType.F64) throw new IllegalArgumentException("gradcheck: inputs must be F64");
            t.requiresGrad(true);
            t.setGrad(null);
        }
        Tensor out = f.apply(inputs);
        Tensor w = cotangent(out);
        out.mul(w).sum().backward();
        Result worst = new Result(0, -1, -1, 0, 0);
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i];
            Tensor g = x.grad();
            double[] gv = g == null ? new double[x.numel()] : g.toDoubleArray();
            int[] idx = new int[x.rank()];
            for (int e = 0; e < x.numel(); e++) {
                unravel(e, x.shapeRef(), idx);
                int p = x.index(idx);
                double orig = x.at(p);
                x.put(p, orig + eps);
                double lp = loss(f, inputs, w);
                x.put(p, orig - eps);
                double lm = loss(f, inputs, w);
                x.put(p, orig);
                double num = (lp - lm) / (2 * eps);
                double err = Math.abs(num - gv[e]) / Math.max(1.0, Math.max(Math.abs(num), Math.abs(gv[e])));
                if (err > worst.maxRelError()) worst = new Result(err, i, e, gv[e], num);
            }
        }
        if (worst.maxRelError() > tol) {
            throw new AssertionError("gradcheck failed: input " + worst.input() + " element " + worst.element()
                    + " analytic " + worst.analytic() + " numeric " + worst.numeric()
                    + " (rel error " + worst.maxRelError() + ")");
        }
        return worst;
    }

    /** Defaults: eps 1e-6, tolerance 1e-6. */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, 1e-6, 1e-6, inputs);
    }

    private static double loss(Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor w) {
        try (var g = GradMode.disabled()) {
            return f.apply(inputs).mul(w).sum().item();
        }
    }

    private static Tensor cotangent(Tensor out) {
        double[] w = new double[out.numel()];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1234);
        for (int i = 0; i < w.length; i++) w[i] = r.nextDouble(-1, 1);
        return Tensor.wrap(w, out.backend(), out.shape());
    }

    private static void unravel(int e, int[] shape, int[] idx) {
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = e % shape[i];
            e /= shape[i];
        }
    }
}
