package io.seqlearn.loss;

import io.seqlearn.autograd.Node;
import io.seqlearn.backend.Backend;
import io.seqlearn.backend.UnaryOp;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

/**
 * Cross-entropy over class indices as one autograd node: log-softmax and the target gather are fused, so
 * no (R, C) log-probability tensor is materialised. It is on the hot path of every language model.
 *
 * <p>Forward, per row r with logits x (C values), target y and smoothing ε (PyTorch's formula):
 * {@code lse = m + log Σ_c exp(x_c − m)} with {@code m = max_c x_c} (numerically stable), and
 * {@code loss_r = (1 − ε)(lse − x_y) + (ε / C)(C·lse − Σ_c x_c)}, i.e. (1 − ε)·NLL + ε·mean_c(−log p_c).
 * Rows whose target is ignored contribute 0 and are left out of the mean's denominator.
 *
 * <p>Backward: {@code ∂loss_r/∂x_c = softmax(x)_c − (1 − ε)[c = y] − ε / C}, scaled by the output gradient
 * (and by 1/count for the mean). Only the per-row log-sum-exp is kept; softmax is recomputed in backward
 * straight into the gradient buffer, which saves an (R, C) tensor of memory.
 */
final class FusedCrossEntropy {
    /**
     * Rows are split over the backend's threads in chunks of at least this many logits: rows are
     * independent, and on one thread the loss was ~10 % of a word-LM step (400 rows × 10,000 classes).
     */
    private static final int GRAIN_LOGITS = 1 << 14;

    private FusedCrossEntropy() {}

    private static int rowGrain(int classes) { return Math.max(1, GRAIN_LOGITS / Math.max(1, classes)); }

    /**
     * @param logits    (R, C) scores, any layout
     * @param target    R class indices, {@link ClassLayout#IGNORED} for rows to skip
     * @param smoothing label smoothing ε in [0, 1]
     * @return a scalar for MEAN/SUM (NaN for MEAN when every row is ignored, as PyTorch), else (R) losses
     */
    static Tensor apply(Tensor logits, int[] target, double smoothing, Reduction reduction) {
        Tensor x = logits.contiguousNoGrad();
        int rows = x.size(0);
        double[] lse = new double[rows];
        double[] loss = new double[rows];
        if (x.dtype() == DType.F32) forwardF(x, target, smoothing, lse, loss);
        else forwardD(x, target, smoothing, lse, loss);
        int count = 0;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            if (target[r] != ClassLayout.IGNORED) count++;
            total += loss[r];
        }
        Tensor out = switch (reduction) {
            case MEAN -> x.newScalar(total / count);
            case SUM -> x.newScalar(total);
            case NONE -> rowsTensor(x, loss);
        };
        double scale = reduction == Reduction.MEAN ? 1.0 / count : 1.0;
        return Node.record(out, "cross_entropy",
                g -> new Tensor[]{backward(x, target, smoothing, lse, g, reduction == Reduction.NONE, scale)}, logits);
    }

    private static Tensor rowsTensor(Tensor like, double[] v) {
        Tensor t = like.newZeros(v.length);
        for (int i = 0; i < v.length; i++) t.put(i, v[i]);
        return t;
    }

    private static void forwardF(Tensor x, int[] target, double eps, double[] lse, double[] loss) {
        float[] a = x.dataF();
        int classes = x.size(1), off = x.offset();
        Backend be = x.backend();
        be.parallelRange(lse.length, rowGrain(classes), (from, to) -> {
            float[] buf = new float[classes];
            for (int r = from; r < to; r++) {
                int y = target[r];
                if (y == ClassLayout.IGNORED) continue;
                int b = off + r * classes;
                float m = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) m = Math.max(m, a[b + c]);
                if (m == Float.NEGATIVE_INFINITY) m = 0;
                for (int c = 0; c < classes; c++) buf[c] = a[b + c] - m;
                be.unary(UnaryOp.EXP, buf, 0, buf, 0, classes);
                lse[r] = m + Math.log(be.sum(buf, 0, classes));
                double smooth = eps == 0 ? 0 : classes * lse[r] - be.sum(a, b, classes);
                loss[r] = (1 - eps) * (lse[r] - a[b + y]) + eps / classes * smooth;
            }
        });
    }

    private static void forwardD(Tensor x, int[] target, double eps, double[] lse, double[] loss) {
        double[] a = x.dataD();
        int classes = x.size(1), off = x.offset();
        Backend be = x.backend();
        be.parallelRange(lse.length, rowGrain(classes), (from, to) -> {
            double[] buf = new double[classes];
            for (int r = from; r < to; r++) {
                int y = target[r];
                if (y == ClassLayout.IGNORED) continue;
                int b = off + r * classes;
                double m = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) m = Math.max(m, a[b + c]);
                if (m == Double.NEGATIVE_INFINITY) m = 0;
                for (int c = 0; c < classes; c++) buf[c] = a[b + c] - m;
                be.unary(UnaryOp.EXP, buf, 0, buf, 0, classes);
                lse[r] = m + Math.log(be.sum(buf, 0, classes));
                double smooth = eps == 0 ? 0 : classes * lse[r] - be.sum(a, b, classes);
                loss[r] = (1 - eps) * (lse[r] - a[b + y]) + eps / classes * smooth;
            }
        });
    }

    /** gx[r, c] = coef_r · (softmax_c − ε/C − (1 − ε)[c = y_r]); ignored rows stay 0. */
    private static Tensor backward(Tensor x, int[] target, double eps, double[] lse, Tensor g, boolean perRow,
                                   double scale) {
        Tensor gc = g.contiguousNoGrad();
        double[] coef = new double[lse.length];
        for (int r = 0; r < coef.length; r++) coef[r] = scale * (perRow ? gc.at(gc.offset() + r) : gc.at(gc.offset()));
        Tensor gx = x.newZeros(x.shapeRef());
        if (x.dtype() == DType.F32) backwardF(x, gx, target, eps, lse, coef);
        else backwardD(x, gx, target, eps, lse, coef);
        return gx;
    }

    private static void backwardF(Tensor x, Tensor gx, int[] target, double eps, double[] lse, double[] coef) {
        float[] a = x.dataF(), o = gx.dataF();
        int classes = x.size(1), off = x.offset();
        float uniform = (float) (eps / classes), hit = (float) (1 - eps);
        x.backend().parallelRange(coef.length, rowGrain(classes), (from, to) -> {
            for (int r = from; r < to; r++) {
                int y = target[r];
                if (y == ClassLayout.IGNORED) continue;
                int b = r * classes;
                float l = (float) lse[r], k = (float) coef[r];
                for (int c = 0; c < classes; c++) o[b + c] = a[off + b + c] - l;
                x.backend().unary(UnaryOp.EXP, o, b, o, b, classes);
                for (int c = 0; c < classes; c++) o[b + c] = k * (o[b + c] - uniform);
                o[b + y] -= k * hit;
            }
        });
    }

    private static void backwardD(Tensor x, Tensor gx, int[] target, double eps, double[] lse, double[] coef) {
        double[] a = x.dataD(), o = gx.dataD();
        int classes = x.size(1), off = x.offset();
        double uniform = eps / classes, hit = 1 - eps;
        x.backend().parallelRange(coef.length, rowGrain(classes), (from, to) -> {
            for (int r = from; r < to; r++) {
                int y = target[r];
                if (y == ClassLayout.IGNORED) continue;
                int b = r * classes;
                double l = lse[r], k = coef[r];
                for (int c = 0; c < classes; c++) o[b + c] = a[off + b + c] - l;
                x.backend().unary(UnaryOp.EXP, o, b, o, b, classes);
                for (int c = 0; c < classes; c++) o[b + c] = k * (o[b + c] - uniform);
                o[b + y] -= k * hit;
            }
        });
    }
}
