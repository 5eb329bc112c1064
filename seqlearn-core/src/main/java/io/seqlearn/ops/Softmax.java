package io.seqlearn.ops;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/** Numerically stable softmax and log-softmax along one axis (max-shifted). */
public final class Softmax {
    private Softmax() {}

    /** y = exp(x − max) / Σ exp(x − max). Backward: y ⊙ (g − Σ g⊙y). */
    public static Tensor softmax(Tensor x, int dim) {
        int ax = Shapes.axis("softmax", dim, x.rank());
        Tensor y = kernel(x, ax, false);
        return Node.record(y, "softmax", g -> {
            Tensor gy = g.mul(y);
            return new Tensor[]{gy.sub(y.mul(gy.sum(ax, true)))};
        }, x);
    }

    /** y = x − max − log Σ exp(x − max). Backward: g − softmax(x) · Σ g. */
    public static Tensor logSoftmax(Tensor x, int dim) {
        int ax = Shapes.axis("log_softmax", dim, x.rank());
        Tensor y = kernel(x, ax, true);
        return Node.record(y, "log_softmax", g -> new Tensor[]{g.sub(y.exp().mul(g.sum(ax, true)))}, x);
    }

    private static Tensor kernel(Tensor x, int ax, boolean log) {
        int[] s = x.shapeRef();
        int outer = Shapes.prod(s, 0, ax), n = s[ax], inner = Shapes.prod(s, ax + 1, s.length);
        Tensor xc = x.contiguousNoGrad();
        Tensor y = x.newZeros(s);
        int xo = xc.offset();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) m = Math.max(m, xc.at(xo + base + k * inner));
                if (m == Double.NEGATIVE_INFINITY) m = 0;
                double z = 0;
                for (int k = 0; k < n; k++) z += Math.exp(xc.at(xo + base + k * inner) - m);
                double lz = Math.log(z);
                for (int k = 0; k < n; k++) {
                    double v = xc.at(xo + base + k * inner) - m;
                    y.put(base + k * inner, log ? v - lz : Math.exp(v) / z);
                }
            }
        }
        return y;
    }
}
