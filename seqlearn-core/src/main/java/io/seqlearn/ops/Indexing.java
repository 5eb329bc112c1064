package io.seqlearn.ops;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.StridedIndex;
import io.seqlearn.tensor.Tensor;

/**
 * Index-driven ops. Index tensors hold integer values in a float dtype (exact up to 2²⁴ in F32), which keeps
 * the library to two dtypes.
 */
public final class Indexing {
    private Indexing() {}

    private static int idx(String op, double v, int size) {
        int i = (int) v;
        if (i != v || i < 0 || i >= size) {
            throw new ShapeException(op + ": index " + v + " out of range [0, " + size + ")");
        }
        return i;
    }

    /** out[…, j, …] = x[…, index[…, j, …], …] along {@code dim}; index has x's rank. Backward: scatter-add. */
    public static Tensor gather(Tensor x, int dim, Tensor index) {
        int ax = Shapes.axis("gather", dim, x.rank());
        if (index.rank() != x.rank()) {
            throw new ShapeException("gather: index rank " + index.rank() + " differs from input rank " + x.rank());
        }
        int[] is = index.shapeRef(), xs = x.shapeRef();
        for (int i = 0; i < is.length; i++) {
            if (i != ax && is[i] > xs[i]) {
                throw new ShapeException("gather: index shape " + Shapes.str(is) + " exceeds input " + Shapes.str(xs));
            }
        }
        Tensor out = x.newZeros(is);
        int[] pos = new int[is.length];
        StridedIndex ii = new StridedIndex(index);
        for (int e = 0, n = out.numel(); e < n; e++) {
            unravel(e, is, pos);
            pos[ax] = idx("gather", index.at(ii.next()), xs[ax]);
            out.put(e, x.get(pos));
        }
        int[] in = x.shape();
        return Node.record(out, "gather", g -> new Tensor[]{scatterAdd(g.newZeros(in), ax, index, g)}, x);
    }

    /** Returns a copy of {@code base} with {@code src} added at {@code index} along {@code dim}. Differentiable in base and src. */
    public static Tensor scatterAdd(Tensor base, int dim, Tensor index, Tensor src) {
        int ax = Shapes.axis("scatter_add", dim, base.rank());
        if (!Shapes.same(index.shapeRef(), src.shapeRef())) {
            throw new ShapeException("scatter_add: index " + Shapes.str(index.shapeRef()) + " and src "
                    + Shapes.str(src.shapeRef()) + " must have the same shape");
        }
        Tensor out = base.copy();
        int[] is = index.shapeRef(), bs = base.shapeRef();
        int[] pos = new int[is.length];
        StridedIndex ii = new StridedIndex(index), si = new StridedIndex(src);
        for (int e = 0, n = index.numel(); e < n; e++) {
            unravel(e, is, pos);
            pos[ax] = idx("scatter_add", index.at(ii.next()), bs[ax]);
            int p = out.index(pos);
            out.put(p, out.at(p) + src.at(si.next()));
        }
        return Node.record(out, "scatter_add", g -> new Tensor[]{g, gather(g, ax, index)}, base, src);
    }

    /** Rows (or slices) of {@code x} picked by a 1-D index along {@code dim}. Backward: index-add. */
    public static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        int ax = Shapes.axis("index_select", dim, x.rank());
        if (index.rank() != 1) throw new ShapeException("index_select: index must be 1-D, got " + Shapes.str(index.shapeRef()));
        int[] xs = x.shapeRef();
        int outer = Shapes.prod(xs, 0, ax), n = xs[ax], inner = Shapes.prod(xs, ax + 1, xs.length);
        int m = index.numel();
        int[] rows = new int[m];
        StridedIndex ii = new StridedIndex(index);
        for (int j = 0; j < m; j++) rows[j] = idx("index_select", index.at(ii.next()), n);
        Tensor xc = x.contiguousNoGrad();
        Tensor out = x.newZeros(Shapes.with(xs, ax, m));
        Object src = xc.dtype() == io.seqlearn.tensor.DType.F32 ? xc.dataF() : xc.dataD();
        Object dst = out.dtype() == io.seqlearn.tensor.DType.F32 ? out.dataF() : out.dataD();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                System.arraycopy(src, xc.offset() + (o * n + rows[j]) * inner, dst, (o * m + j) * inner, inner);
            }
        }
        int[] in = x.shape();
        return Node.record(out, "index_select", g -> new Tensor[]{indexAdd(g, ax, rows, in, outer, inner)}, x);
    }

    private static Tensor indexAdd(Tensor g, int ax, int[] rows, int[] inShape, int outer, int inner) {
        Tensor gc = g.contiguousNoGrad();
        Tensor z = g.newZeros(inShape);
        int n = inShape[ax], m = rows.length;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                int src = gc.offset() + (o * m + j) * inner, dst = (o * n + rows[j]) * inner;
                if (z.dtype() == io.seqlearn.tensor.DType.F32) {
                    z.backend().axpy(inner, 1f, gc.dataF(), src, z.dataF(), dst);
                } else {
                    z.backend().axpy(inner, 1.0, gc.dataD(), src, z.dataD(), dst);
                }
            }
        }
        return z;
    }

    /** x where mask is 0, {@code value} where mask is non-zero (mask broadcasts). Backward: g where mask is 0. */
    public static Tensor maskedFill(Tensor x, Tensor mask, double value) {
        Tensor keep = Elementwise.map(mask, v -> v != 0 ? 0 : 1);
        Tensor fill = Elementwise.map(mask, v -> v != 0 ? value : 0);
        if (Double.isInfinite(value)) {
            // x·keep would give NaN for x = ±inf; build directly instead.
            Tensor out = x.newZeros(Shapes.broadcast("masked_fill", x.shapeRef(), mask.shapeRef()));
            StridedIndex ix = Elementwise.broadcastIndex(x, out.shapeRef());
            StridedIndex im = Elementwise.broadcastIndex(mask, out.shapeRef());
            for (int e = 0, n = out.numel(); e < n; e++) {
                double xv = x.at(ix.next());
                out.put(e, mask.at(im.next()) != 0 ? value : xv);
            }
            int[] in = x.shape();
            return Node.record(out, "masked_fill", g -> new Tensor[]{Reductions.sumTo(g.mul(keep), in)}, x);
        }
        return x.mul(keep).add(fill);
    }

    /** cond ? a : b, element-wise with broadcasting. Backward: g·cond to a, g·(1−cond) to b. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Tensor c = Elementwise.map(cond, v -> v != 0 ? 1 : 0);
        Tensor nc = Elementwise.map(cond, v -> v != 0 ? 0 : 1);
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", cond.shapeRef(), a.shapeRef()), b.shapeRef());
        Tensor out = a.newZeros(shape);
        StridedIndex ic = Elementwise.broadcastIndex(cond, shape), ia = Elementwise.broadcastIndex(a, shape),
                ib = Elementwise.broadcastIndex(b, shape);
        for (int e = 0, n = out.numel(); e < n; e++) {
            boolean t = cond.at(ic.next()) != 0;
            double av = a.at(ia.next()), bv = b.at(ib.next());
            out.put(e, t ? av : bv);
        }
        int[] sa = a.shape(), sb = b.shape();
        return Node.record(out, "where",
                g -> new Tensor[]{Reductions.sumTo(g.mul(c), sa), Reductions.sumTo(g.mul(nc), sb)}, a, b);
    }

    static void unravel(int e, int[] shape, int[] pos) {
        for (int i = shape.length - 1; i >= 0; i--) {
            pos[i] = e % shape[i];
            e /= shape[i];
        }
    }
}
