package io.seqlearn.ops;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * Layer normalisation over the last dim as one node: y = x̂·γ + β with x̂ = (x − μ)·r, r = 1/√(σ² + eps)
 * (biased variance, as PyTorch). Saves μ and r per row. Backward, per row of width D:
 * dx = r · (dŷ − mean(dŷ) − x̂ · mean(dŷ ⊙ x̂)) with dŷ = dy ⊙ γ; dγ = Σ_rows dy ⊙ x̂; dβ = Σ_rows dy.
 */
public final class LayerNormOp {
    private LayerNormOp() {}

    /** x (…, D), weight and bias (D) or null. */
    public static Tensor apply(Tensor x, Tensor weight, Tensor bias, double eps) {
        int d = x.rank() == 0 ? -1 : x.size(-1);
        if (d < 1 || (weight != null && weight.numel() != d) || (bias != null && bias.numel() != d)) {
            throw new ShapeException("layer_norm: input " + Shapes.str(x.shapeRef()) + " does not fit weight/bias of size "
                    + (weight == null ? "-" : String.valueOf(weight.numel())));
        }
        Tensor xc = x.contiguousNoGrad();
        int rows = x.numel() / d;
        if (x.dtype() == DType.F32 && (weight == null || weight.dtype() == DType.F32)
                && (bias == null || bias.dtype() == DType.F32)) {
            return applyF32(x, xc, weight, bias, eps, rows, d);
        }
        double[] xs = xc.toDoubleArray();
        double[] g = weight == null ? null : weight.toDoubleArray(), b = bias == null ? null : bias.toDoubleArray();
        double[] xhat = new double[xs.length], rstd = new double[rows];
        double[] y = new double[xs.length];
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            double mu = 0;
            for (int i = 0; i < d; i++) mu += xs[o + i];
            mu /= d;
            double var = 0;
            for (int i = 0; i < d; i++) var += (xs[o + i] - mu) * (xs[o + i] - mu);
            double rs = 1.0 / Math.sqrt(var / d + eps);
            rstd[r] = rs;
            for (int i = 0; i < d; i++) {
                double h = (xs[o + i] - mu) * rs;
                xhat[o + i] = h;
                y[o + i] = h * (g == null ? 1 : g[i]) + (b == null ? 0 : b[i]);
            }
        }
        Tensor out = fromDoubles(x, y);
        return Node.record(out, "layer_norm", gy -> backward(gy, x, weight, bias, xhat, rstd, g, d), x, weight, bias);
    }

    /** Row blocks of the float path: a fixed count, so the dγ/dβ partial sums never depend on the thread count. */
    private static final int BLOCKS = 16;

    /**
     * Float storage, double row statistics, rows split over the backend's threads: the double path's four
     * full-size double copies were most of a Transformer layer's normalisation time.
     */
    private static Tensor applyF32(Tensor x, Tensor xc, Tensor weight, Tensor bias, double eps, int rows, int d) {
        float[] xs = xc.dataF();
        int xo = xc.offset();
        float[] g = weight == null ? null : weight.contiguousNoGrad().toFloatArray();
        float[] b = bias == null ? null : bias.contiguousNoGrad().toFloatArray();
        float[] xhat = new float[rows * d], y = new float[rows * d];
        double[] rstd = new double[rows];
        x.backend().parallelRange(rows, Math.max(1, 4096 / d), (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * d, io = xo + o;
                double mu = 0;
                for (int i = 0; i < d; i++) mu += xs[io + i];
                mu /= d;
                double var = 0;
                for (int i = 0; i < d; i++) {
                    double c = xs[io + i] - mu;
                    var += c * c;
                }
                double rs = 1.0 / Math.sqrt(var / d + eps);
                rstd[r] = rs;
                for (int i = 0; i < d; i++) {
                    float h = (float) ((xs[io + i] - mu) * rs);
                    xhat[o + i] = h;
                    y[o + i] = h * (g == null ? 1f : g[i]) + (b == null ? 0f : b[i]);
                }
            }
        });
        Tensor out = Tensor.wrap(y, x.backend(), x.shape());
        return Node.record(out, "layer_norm", gy -> backwardF32(gy, x, weight, bias, xhat, rstd, g, d), x, weight, bias);
    }

    private static Tensor[] backwardF32(Tensor gy, Tensor x, Tensor weight, Tensor bias, float[] xhat, double[] rstd,
                                        float[] g, int d) {
        Tensor gc = gy.contiguousNoGrad();
        float[] dy = gc.dataF();
        int go = gc.offset(), rows = rstd.length;
        float[] dx = new float[rows * d];
        int blocks = Math.min(BLOCKS, Math.max(1, rows));
        int per = (rows + blocks - 1) / blocks;
        double[][] dg = new double[blocks][], db = new double[blocks][];
        x.backend().parallelRange(blocks, 1, (bFrom, bTo) -> {
            for (int blk = bFrom; blk < bTo; blk++) {
                double[] pg = new double[d], pb = new double[d];
                for (int r = blk * per, end = Math.min(rows, r + per); r < end; r++) {
                    int o = r * d, io = go + o;
                    double sum = 0, dot = 0;
                    for (int i = 0; i < d; i++) {
                        double dyh = dy[io + i] * (g == null ? 1f : g[i]);
                        sum += dyh;
                        dot += dyh * xhat[o + i];
                        pg[i] += dy[io + i] * xhat[o + i];
                        pb[i] += dy[io + i];
                    }
                    sum /= d;
                    dot /= d;
                    for (int i = 0; i < d; i++) {
                        double dyh = dy[io + i] * (g == null ? 1f : g[i]);
                        dx[o + i] = (float) (rstd[r] * (dyh - sum - xhat[o + i] * dot));
                    }
                }
                dg[blk] = pg;
                db[blk] = pb;
            }
        });
        float[] dgs = new float[d], dbs = new float[d];
        for (int i = 0; i < d; i++) {
            double sg = 0, sb = 0;
            for (int blk = 0; blk < blocks; blk++) {
                sg += dg[blk][i];
                sb += db[blk][i];
            }
            dgs[i] = (float) sg;
            dbs[i] = (float) sb;
        }
        return new Tensor[]{Tensor.wrap(dx, x.backend(), x.shape()),
                weight == null ? null : Tensor.wrap(dgs, weight.backend(), weight.shape()),
                bias == null ? null : Tensor.wrap(dbs, bias.backend(), bias.shape())};
    }

    private static Tensor[] backward(Tensor gy, Tensor x, Tensor weight, Tensor bias, double[] xhat, double[] rstd,
                                     double[] g, int d) {
        double[] dy = gy.contiguousNoGrad().toDoubleArray();
        int rows = rstd.length;
        double[] dx = new double[dy.length], dg = new double[d], db = new double[d];
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            double sum = 0, dot = 0;
            for (int i = 0; i < d; i++) {
                double dyh = dy[o + i] * (g == null ? 1 : g[i]);
                sum += dyh;
                dot += dyh * xhat[o + i];
                dg[i] += dy[o + i] * xhat[o + i];
                db[i] += dy[o + i];
            }
            sum /= d;
            dot /= d;
            for (int i = 0; i < d; i++) {
                double dyh = dy[o + i] * (g == null ? 1 : g[i]);
                dx[o + i] = rstd[r] * (dyh - sum - xhat[o + i] * dot);
            }
        }
        return new Tensor[]{fromDoubles(x, dx),
                weight == null ? null : fromDoubles(weight, dg), bias == null ? null : fromDoubles(bias, db)};
    }

    private static Tensor fromDoubles(Tensor like, double[] v) {
        if (like.dtype() == DType.F64) return Tensor.wrap(v, like.backend(), like.shape());
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return Tensor.wrap(f, like.backend(), like.shape());
    }
}
