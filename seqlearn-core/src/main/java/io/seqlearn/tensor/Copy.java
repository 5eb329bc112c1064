package io.seqlearn.tensor;

/** Layout-changing copies (strided to contiguous, dtype conversion). */
final class Copy {
    private Copy() {}

    /** Copies {@code src} (any strides) into contiguous {@code dst} of the same shape and dtype. */
    static void strided(Tensor src, Tensor dst) {
        int n = src.numel();
        if (n == 0) return;
        if (src.dtype() == dst.dtype() && src.isContiguous()) {   // one block, e.g. a fresh gradient into .grad
            Object s = src.dtype() == DType.F32 ? src.dataF() : src.dataD();
            Object t = dst.dtype() == DType.F32 ? dst.dataF() : dst.dataD();
            System.arraycopy(s, src.offset(), t, dst.offset(), n);
            return;
        }
        int[] shape = src.shapeRef();
        int[] st = src.strides();
        int rank = shape.length;
        if (src.dtype() == dst.dtype() && allZero(st)) {   // one value broadcast, e.g. the gradient of sum()
            int o = dst.offset();
            if (src.dtype() == DType.F32) java.util.Arrays.fill(dst.dataF(), o, o + n, src.dataF()[src.offset()]);
            else java.util.Arrays.fill(dst.dataD(), o, o + n, src.dataD()[src.offset()]);
            return;
        }
        if (rank > 0 && st[rank - 1] == 1 && src.dtype() == dst.dtype()) {
            int row = shape[rank - 1];
            int rows = n / row;
            int[] outerShape = java.util.Arrays.copyOf(shape, rank - 1);
            int[] outerStrides = java.util.Arrays.copyOf(st, rank - 1);
            StridedIndex it = new StridedIndex(outerShape, outerStrides, src.offset());
            Object s = src.dtype() == DType.F32 ? src.dataF() : src.dataD();
            Object t = dst.dtype() == DType.F32 ? dst.dataF() : dst.dataD();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(s, it.next(), t, dst.offset() + r * row, row);
            }
            return;
        }
        if (rank > 0 && src.dtype() == dst.dtype()) {
            rows(src, dst, rank);
            return;
        }
        StridedIndex it = new StridedIndex(src);
        int o = dst.offset();
        for (int i = 0; i < n; i++) dst.put(o + i, src.at(it.next()));
    }

    private static boolean allZero(int[] strides) {
        for (int v : strides) if (v != 0) return false;
        return true;
    }

    /** Copies any layout into any layout of the same shape (dtype converted). */
    static void any(Tensor src, Tensor dst) {
        if (dst.isContiguous() && src.dtype() == dst.dtype()) {
            strided(src, dst);
            return;
        }
        int rank = src.rank();
        if (rank > 0 && src.dtype() == dst.dtype() && src.numel() > 0) {
            rows(src, dst, rank);
            return;
        }
        StridedIndex is = new StridedIndex(src);
        StridedIndex id = new StridedIndex(dst);
        for (int i = 0, n = src.numel(); i < n; i++) dst.put(id.next(), src.at(is.next()));
    }

    /** Same dtype, any strides: one inner-dimension row at a time (a gradient scattered into a slice). */
    private static void rows(Tensor src, Tensor dst, int rank) {
        int[] shape = src.shapeRef();
        int row = shape[rank - 1], rows = src.numel() / row;
        int ss = src.strides()[rank - 1], ds = dst.strides()[rank - 1];
        int[] outer = java.util.Arrays.copyOf(shape, rank - 1);
        StridedIndex is = new StridedIndex(outer, java.util.Arrays.copyOf(src.strides(), rank - 1), src.offset());
        StridedIndex id = new StridedIndex(outer, java.util.Arrays.copyOf(dst.strides(), rank - 1), dst.offset());
        if (src.dtype() == DType.F32) {
            float[] s = src.dataF(), t = dst.dataF();
            for (int r = 0; r < rows; r++) {
                int so = is.next(), d = id.next();
                if (ss == 1 && ds == 1) {
                    System.arraycopy(s, so, t, d, row);
                } else {
                    for (int j = 0; j < row; j++) t[d + j * ds] = s[so + j * ss];
                }
            }
        } else {
            double[] s = src.dataD(), t = dst.dataD();
            for (int r = 0; r < rows; r++) {
                int so = is.next(), d = id.next();
                if (ss == 1 && ds == 1) {
                    System.arraycopy(s, so, t, d, row);
                } else {
                    for (int j = 0; j < row; j++) t[d + j * ds] = s[so + j * ss];
                }
            }
        }
    }
}
