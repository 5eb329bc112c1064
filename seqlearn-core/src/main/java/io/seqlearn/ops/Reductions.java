package io.seqlearn.ops;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * Reductions along one axis. A contiguous input of shape (..., n, ...) is treated as (outer, n, inner), so
 * every kernel is three plain loops.
 */
public final class Reductions {
    private Reductions() {}

    /** Sum of all elements (rank-0 result). Backward: g broadcast to the input's shape. */
    public static Tensor sumAll(Tensor x) {
        Tensor xc = x.contiguousNoGrad();
        double s = x.dtype() == io.seqlearn.tensor.DType.F32
                ? x.backend().sum(xc.dataF(), xc.offset(), xc.numel())
                : x.backend().sum(xc.dataD(), xc.offset(), xc.numel());
        Tensor out = x.newFull(s);
        int[] shape = x.shape();
        return Node.record(out, "sum", g -> new Tensor[]{g.expand(shape).contiguous()}, x);
    }

    /** Mean of all elements. */
    public static Tensor meanAll(Tensor x) {
        if (x.numel() == 0) throw new ShapeException("mean: empty tensor");
        return sumAll(x).mul(1.0 / x.numel());
    }

    /** Sum along {@code dim}. Backward: g expanded along {@code dim}. */
    public static Tensor sum(Tensor x, int dim, boolean keepDim) {
        int ax = Shapes.axis("sum", dim, x.rank());
        int[] s = x.shapeRef();
        int outer = Shapes.prod(s, 0, ax), n = s[ax], inner = Shapes.prod(s, ax + 1, s.length);
        Tensor xc = x.contiguousNoGrad();
        Tensor out = x.newZeros(Shapes.with(s, ax, 1));
        AxisSum.into(xc, outer, n, inner, out);
        Tensor res = keepDim ? out : out.reshape(Shapes.remove(s, ax));
        int[] inShape = x.shape();
        int[] keptShape = Shapes.with(s, ax, 1);
        return Node.record(res.detach(), "sum_dim",
                g -> new Tensor[]{g.reshape(keptShape).expand(inShape).contiguous()}, x);
    }

    /** Mean along {@code dim}. */
    public static Tensor mean(Tensor x, int dim, boolean keepDim) {
        int ax = Shapes.axis("mean", dim, x.rank());
        return sum(x, ax, keepDim).mul(1.0 / x.shapeRef()[ax]);
    }

    /** Maximum along {@code dim}. Backward: g to the first position of the maximum. */
    public static Tensor max(Tensor x, int dim, boolean keepDim) {
        int ax = Shapes.axis("max", dim, x.rank());
        Tensor idx = argmax(x, ax, true);
        Tensor vals = Indexing.gather(x, ax, idx);
        return keepDim ? vals : vals.squeeze(ax);
    }

    /** Index of the first maximum along {@code dim}, as integer values in the input's dtype; no gradient. */
    public static Tensor argmax(Tensor x, int dim, boolean keepDim) {
        int ax = Shapes.axis("argmax", dim, x.rank());
        int[] s = x.shapeRef();
        int outer = Shapes.prod(s, 0, ax), n = s[ax], inner = Shapes.prod(s, ax + 1, s.length);
        if (n == 0) throw new ShapeException("argmax: empty axis " + dim + " in shape " + Shapes.str(s));
        Tensor xc = x.contiguousNoGrad();
        Tensor out = x.newZeros(Shapes.with(s, ax, 1));
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                double bv = xc.at(xc.offset() + o * n * inner + i);
                for (int k = 1; k < n; k++) {
                    double v = xc.at(xc.offset() + (o * n + k) * inner + i);
                    if (v > bv || (Double.isNaN(v) && !Double.isNaN(bv))) {
                        bv = v;
                        best = k;
                    }
                }
                out.put(o * inner + i, best);
            }
        }
        return keepDim ? out : out.reshape(Shapes.remove(s, ax));
    }

    /** log Σ exp(x) along {@code dim}, shifted by the max for stability. Backward: g · softmax(x). */
    public static Tensor logsumexp(Tensor x, int dim, boolean keepDim) {
        int ax = Shapes.axis("logsumexp", dim, x.rank());
        Tensor m;
        try (var g = io.seqlearn.autograd.GradMode.disabled()) {
            m = max(x, ax, true);
            m = Elementwise.map(m, v -> Double.isInfinite(v) ? 0 : v);
        }
        Tensor out = x.sub(m).exp().sum(ax, true).log().add(m);
        return keepDim ? out : out.squeeze(ax);
    }

    /**
     * Sums {@code g} down to {@code shape} (the inverse of broadcasting): leading extra dims are summed
     * away, and dims where {@code shape} has 1 are summed with keepDim.
     */
    public static Tensor sumTo(Tensor g, int[] shape) {
        if (Shapes.same(g.shapeRef(), shape)) return g;
        Tensor r = g;
        while (r.rank() > shape.length) r = sum(r, 0, false);
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1 && r.shapeRef()[i] != 1) r = sum(r, i, true);
        }
        if (!Shapes.same(r.shapeRef(), shape)) {
            throw new ShapeException("sumTo: cannot reduce " + Shapes.str(g.shapeRef()) + " to " + Shapes.str(shape));
        }
        return r;
    }
}
