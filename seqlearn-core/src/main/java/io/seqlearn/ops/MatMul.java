package io.seqlearn.ops;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.StridedIndex;
import io.seqlearn.tensor.Tensor;

/**
 * Matrix product with PyTorch's {@code torch.matmul} rules: 1-D operands are promoted, batch dims broadcast.
 * Transposed views are handed to GEMM as transpose flags, never copied.
 */
public final class MatMul {
    private MatMul() {}

    /** (…, m, k) · (…, k, n) → (…, m, n). Backward: dA = g·Bᵀ, dB = Aᵀ·g, reduced over broadcast dims. */
    public static Tensor apply(Tensor a, Tensor b) {
        Elementwise.sameDtype("matmul", a, b);
        if (a.rank() == 0 || b.rank() == 0) throw new ShapeException("matmul: scalar operand");
        if (a.rank() == 1 && b.rank() == 1) return apply(a.unsqueeze(0), b.unsqueeze(1)).reshape();
        if (a.rank() == 1) return apply(a.unsqueeze(0), b).squeeze(-2);
        if (b.rank() == 1) return apply(a, b.unsqueeze(1)).squeeze(-1);
        if (b.rank() == 2 && a.rank() > 2 && a.isContiguous()) return flattened(a, b);
        int[] sa = a.shapeRef(), sb = b.shapeRef();
        int m = sa[sa.length - 2], k = sa[sa.length - 1], k2 = sb[sb.length - 2], n = sb[sb.length - 1];
        if (k != k2) {
            throw new ShapeException("matmul: inner dims differ, " + Shapes.str(sa) + " · " + Shapes.str(sb));
        }
        int[] batch = Shapes.broadcast("matmul",
                java.util.Arrays.copyOf(sa, sa.length - 2), java.util.Arrays.copyOf(sb, sb.length - 2));
        int[] outShape = concat(batch, m, n);
        Tensor out = a.newZeros(outShape);
        Tensor ae = a.expand(concat(batch, m, k)).detach(), be = b.expand(concat(batch, k, n)).detach();
        gemmBatched(ae, be, out, batch, m, n, k);
        return Node.record(out, "matmul", g -> new Tensor[]{
                a.requiresGrad() ? Reductions.sumTo(apply(g, be.transpose(-1, -2)), a.shapeRef()) : null,
                b.requiresGrad() ? Reductions.sumTo(apply(ae.transpose(-1, -2), g), b.shapeRef()) : null}, a, b);
    }

    /**
     * (…, m, k) · (k, n) with a contiguous left side is one (…·m, k) · (k, n) GEMM rather than one per batch
     * row: a Linear layer over (B, T, I) becomes a single large product, forward and backward.
     */
    private static Tensor flattened(Tensor a, Tensor b) {
        int[] sa = a.shapeRef();
        int k = sa[sa.length - 1];
        if (b.shapeRef()[0] != k) {
            throw new ShapeException("matmul: inner dims differ, " + Shapes.str(sa) + " · " + Shapes.str(b.shapeRef()));
        }
        int[] out = sa.clone();
        out[out.length - 1] = b.shapeRef()[1];
        return apply(a.reshape(-1, k), b).reshape(out);
    }

    private static int[] concat(int[] batch, int r, int c) {
        int[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = r;
        s[batch.length + 1] = c;
        return s;
    }

    private static void gemmBatched(Tensor a, Tensor b, Tensor out, int[] batch, int m, int n, int k) {
        int nb = Shapes.numel(batch);
        if (nb == 0 || m == 0 || n == 0) return;
        Operand oa = Operand.of(a), ob = Operand.of(b);
        StridedIndex ia = new StridedIndex(batch, java.util.Arrays.copyOf(oa.t.strides(), batch.length), oa.t.offset());
        StridedIndex ib = new StridedIndex(batch, java.util.Arrays.copyOf(ob.t.strides(), batch.length), ob.t.offset());
        int[] offA = new int[nb], offB = new int[nb], offC = new int[nb];
        for (int i = 0; i < nb; i++) {
            offA[i] = ia.next();
            offB[i] = ib.next();
            offC[i] = i * m * n;
        }
        Gemm.batch(nb, oa.trans, ob.trans, m, n, k, oa.t, offA, oa.ld, ob.t, offB, ob.ld, out, offC, n);
    }

    /** A matrix operand as GEMM sees it: storage, transpose flag, leading dimension. */
    private record Operand(Tensor t, boolean trans, int ld) {
        static Operand of(Tensor x) {
            int r = x.rank();
            int[] s = x.shapeRef(), st = x.strides();
            int rows = s[r - 2], cols = s[r - 1];
            if (st[r - 1] == 1 && (st[r - 2] >= Math.max(cols, 1) || rows == 1)) {
                return new Operand(x, false, Math.max(rows == 1 ? cols : st[r - 2], 1));
            }
            if (st[r - 2] == 1 && (st[r - 1] >= Math.max(rows, 1) || cols == 1)) {
                return new Operand(x, true, Math.max(cols == 1 ? rows : st[r - 1], 1));
            }
            Tensor c = x.contiguousNoGrad();
            return new Operand(c, false, Math.max(cols, 1));
        }
    }
}
