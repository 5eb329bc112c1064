package io.seqlearn.ops;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

/**
 * {@code y = x·Wᵀ + b} as one node, as {@code torch.addmm} computes it: the bias rows are written first and
 * the product is added onto them by the GEMM (β = 1), instead of a product followed by a broadcast add
 * that reads and writes the whole output once more. Backward: dx = g·W, dW = gᵀ·x straight in W's layout
 * (no transposed copy), db = column sums of g.
 *
 * <p>Applies to x with contiguous rows (…, in), W (out, in) with unit column stride and a contiguous 1-D b;
 * {@link F#linear} composes matmul and add for anything else.
 */
final class LinearOp {
    private LinearOp() {}

    static boolean applies(Tensor x, Tensor w, Tensor b) {
        if (x.rank() < 1 || w.rank() != 2 || !x.isContiguous() || w.strides()[1] != 1 || w.strides()[0] < w.size(1)) {
            return false;
        }
        if (x.dtype() != w.dtype() || (b != null && (b.dtype() != x.dtype() || b.rank() != 1 || !b.isContiguous()))) {
            return false;
        }
        return x.size(-1) == w.size(1) && (b == null || b.size(0) == w.size(0)) && w.size(0) > 0 && w.size(1) > 0;
    }

    static Tensor apply(Tensor x, Tensor w, Tensor b) {
        int in = w.size(1), outF = w.size(0), rows = x.numel() / Math.max(in, 1);
        int[] shape = x.shape();
        shape[shape.length - 1] = outF;
        Tensor y = x.newZeros(shape);
        if (b != null) fillRows(b, y, rows, outF);
        Gemm.gemm(false, true, rows, outF, in, x, x.offset(), in, w, w.offset(), w.strides()[0],
                b == null ? 0 : 1, y, 0, outF);
        return Node.record(y, "linear", g -> {
            Tensor gc = g.contiguousNoGrad();
            Tensor dx = null, dw = null, db = null;
            if (x.requiresGrad()) {
                dx = x.newZeros(x.shapeRef());
                Gemm.gemm(false, false, rows, in, outF, gc, gc.offset(), outF, w, w.offset(),
                        w.strides()[0], 0, dx, 0, in);
            }
            if (w.requiresGrad()) {
                dw = w.newZeros(outF, in);
                Gemm.gemm(true, false, outF, in, rows, gc, gc.offset(), outF, x, x.offset(), in,
                        0, dw, 0, in);
            }
            if (b != null && b.requiresGrad()) db = Reductions.sumTo(gc, new int[]{outF});
            return new Tensor[]{dx, dw, db};
        }, x, w, b);
    }

    private static void fillRows(Tensor b, Tensor y, int rows, int n) {
        if (y.dtype() == DType.F32) {
            float[] src = b.dataF(), dst = y.dataF();
            for (int r = 0; r < rows; r++) System.arraycopy(src, b.offset(), dst, r * n, n);
        } else {
            double[] src = b.dataD(), dst = y.dataD();
            for (int r = 0; r < rows; r++) System.arraycopy(src, b.offset(), dst, r * n, n);
        }
    }
}
