package io.seqlearn.nn.attention;

import io.seqlearn.autograd.Node;
import io.seqlearn.backend.UnaryOp;
import io.seqlearn.ops.Reductions;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fused scaled, masked softmax over the last axis — one autograd node for forward and backward:
 * <pre>  y = softmax(scale · x + Σ biases + causal),   causal: key j blocked for query i when j &gt; i + (Tk − Tq)</pre>
 * x is (…, Tq, Tk); each bias broadcasts to it (boolean masks enter as 0/−∞ biases, see
 * {@link AttnMask#bias}). Neither the scaled scores nor the broadcast masks are materialised.
 *
 * <p><b>Fully masked rows:</b> a row whose keys are all −∞ gives y = 0 and a zero gradient. This
 * deliberately differs from PyTorch, whose softmax returns NaN for such rows (pytorch/pytorch#41508):
 * padded query positions then stay finite and never poison the loss.
 *
 * <p>Backward: with u = y ⊙ (g − Σⱼ g⊙y), dx = scale · u and d(bias) = u summed to the bias's shape.
 */
public final class MaskedSoftmax {
    /** Rows are split over the backend's threads in chunks of at least this many scores. */
    private static final int GRAIN = 1 << 14;
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;

    private MaskedSoftmax() {}

    /** See the class comment. {@code biases} may be empty; any may require a gradient. */
    public static Tensor apply(Tensor x, double scale, boolean causal, Tensor... biases) {
        if (x.rank() < 1) throw new ShapeException("masked_softmax: scores must have rank ≥ 1, got a scalar");
        int[] shape = x.shapeRef();
        BiasRows[] rows = BiasRows.all("masked_softmax", biases, shape);
        for (Tensor b : biases) {
            if (b.dtype() != x.dtype()) throw new ShapeException("masked_softmax: mask dtype " + b.dtype() + " differs from scores " + x.dtype());
        }
        Tensor xc = x.contiguousNoGrad();
        Tensor y = x.newZeros(shape);
        forwardRows(xc, y, scale, causal, rows);
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(x);
        inputs.addAll(List.of(biases));
        return Node.record(y, "masked_softmax", g -> backward(g, y, scale, x, biases), inputs.toArray(new Tensor[0]));
    }

    /**
     * y = softmax(scale·x + biases + causal) row by row, x contiguous with y's shape; y starts zeroed, or
     * is x itself (each row is read whole before it is written).
     */
    static void forwardRows(Tensor x, Tensor y, double scale, boolean causal, BiasRows[] rows) {
        int[] shape = y.shapeRef();
        int tk = shape[shape.length - 1];
        int tq = shape.length >= 2 ? shape[shape.length - 2] : 1;
        int n = tk == 0 ? 0 : y.numel() / tk;
        boolean f32 = x.dtype() == DType.F32;
        boolean inPlace = x == y;
        x.backend().parallelRange(n, Math.max(1, GRAIN / Math.max(1, tk)), (from, to) -> {
            double[] row = f32 ? null : new double[tk];
            float[] rowF = f32 ? new float[tk] : null;
            for (int r = from; r < to; r++) {
                int limit = causal ? Math.min(tk, (r % tq) + (tk - tq) + 1) : tk;
                int xo = x.offset() + r * tk, yo = y.offset() + r * tk;
                boolean written = f32 ? forwardRowF32(x, xo, rows, r, y, yo, limit, (float) scale, rowF)
                        : forwardRow(x, xo, rows, r, y, yo, limit, scale, row);
                if (inPlace) {   // the keys a zeroed y would have kept at 0: masked ones, or the whole row
                    int z0 = yo + (written ? limit : 0);
                    if (f32) Arrays.fill(y.dataF(), z0, yo + tk, 0f); else Arrays.fill(y.dataD(), z0, yo + tk, 0.0);
                }
            }
        });
    }

    /**
     * Float rows in float arithmetic, as PyTorch's CPU softmax does, with the backend's vectorised exp:
     * the double path's scalar {@code Math.exp} was a third of an attention layer's time.
     */
    private static boolean forwardRowF32(Tensor x, int xo, BiasRows[] rows, int r, Tensor y, int yo, int limit,
                                         float scale, float[] row) {
        float[] xs = x.dataF();
        int vl = F8.loopBound(limit), j = 0;
        FloatVector sc = FloatVector.broadcast(F8, scale);
        for (; j < vl; j += F8.length()) FloatVector.fromArray(F8, xs, xo + j).mul(sc).intoArray(row, j);
        for (; j < limit; j++) row[j] = scale * xs[xo + j];
        for (BiasRows b : rows) {
            float[] bs = b.bias.dataF();
            int bo = b.rowOffset[r], cs = b.colStride;
            for (j = 0; j < limit; j++) row[j] += bs[bo + j * cs];
        }
        FloatVector mv = FloatVector.broadcast(F8, Float.NEGATIVE_INFINITY);
        for (j = 0; j < vl; j += F8.length()) mv = mv.max(FloatVector.fromArray(F8, row, j));
        float m = mv.reduceLanes(VectorOperators.MAX);   // max is exact in any order
        for (j = vl; j < limit; j++) m = Math.max(m, row[j]);
        if (m == Float.NEGATIVE_INFINITY) return false; // fully masked: y stays 0
        FloatVector mb = FloatVector.broadcast(F8, m);
        for (j = 0; j < vl; j += F8.length()) FloatVector.fromArray(F8, row, j).sub(mb).intoArray(row, j);
        for (j = vl; j < limit; j++) row[j] -= m;
        y.backend().unary(UnaryOp.EXP, row, 0, row, 0, limit);
        FloatVector zv = FloatVector.zero(F8);
        for (j = 0; j < vl; j += F8.length()) zv = zv.add(FloatVector.fromArray(F8, row, j));
        double z = lanesInOrder(zv);
        for (j = vl; j < limit; j++) z += row[j];
        FloatVector inv = FloatVector.broadcast(F8, (float) (1.0 / z));
        float[] yf = y.dataF();
        for (j = 0; j < vl; j += F8.length()) FloatVector.fromArray(F8, row, j).mul(inv).intoArray(yf, yo + j);
        float invS = (float) (1.0 / z);
        for (j = vl; j < limit; j++) yf[yo + j] = row[j] * invS;
        return true;
    }

    /**
     * The eight lanes summed left to right in double: {@code reduceLanes(ADD)} may change its order between
     * the interpreter and C2, which would make resumed training differ from an uninterrupted run.
     */
    private static double lanesInOrder(FloatVector v) {
        double s = 0;
        for (int i = 0; i < F8.length(); i++) s += v.lane(i);
        return s;
    }

    private static boolean forwardRow(Tensor x, int xo, BiasRows[] rows, int r, Tensor y, int yo, int limit,
                                      double scale, double[] row) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < limit; j++) {
            double v = scale * x.at(xo + j);
            for (BiasRows b : rows) v += b.bias.at(b.rowOffset[r] + j * b.colStride);
            row[j] = v;
            if (v > m) m = v;
        }
        if (m == Double.NEGATIVE_INFINITY) return false; // fully masked: y stays 0
        double z = 0;
        for (int j = 0; j < limit; j++) {
            double e = Math.exp(row[j] - m);
            row[j] = e;
            z += e;
        }
        double inv = 1.0 / z;
        if (y.dtype() == DType.F32) {
            float[] yf = y.dataF();
            for (int j = 0; j < limit; j++) yf[yo + j] = (float) (row[j] * inv);
        } else {
            double[] yd = y.dataD();
            for (int j = 0; j < limit; j++) yd[yo + j] = row[j] * inv;
        }
        return true;
    }

    private static Tensor[] backward(Tensor g, Tensor y, double scale, Tensor x, Tensor[] biases) {
        Tensor gc = g.contiguousNoGrad();
        Tensor u = y.newZeros(y.shapeRef());
        boolean biasGrad = false;
        for (Tensor b : biases) biasGrad |= b.requiresGrad();
        // dx = scale·u: the scale is folded into u unless a bias needs the unscaled u as well
        backwardRows(gc, y, u, biasGrad ? 1 : scale);
        Tensor[] out = new Tensor[1 + biases.length];
        out[0] = x.requiresGrad() ? (scale == 1 || !biasGrad ? u : u.mul(scale)) : null;
        for (int i = 0; i < biases.length; i++) {
            out[i + 1] = biases[i].requiresGrad() ? Reductions.sumTo(u, biases[i].shapeRef()) : null;
        }
        return out;
    }

    /**
     * u = (y ⊙ (g − Σ g⊙y)) · fold per row, exactly 0 where y = 0 (masked keys). g contiguous; y contiguous
     * from offset 0; u contiguous, or g itself.
     */
    static void backwardRows(Tensor g, Tensor y, Tensor u, double fold) {
        int tk = y.size(-1);
        int n = tk == 0 ? 0 : y.numel() / tk;
        int gOff = g.offset(), uOff = u.offset();
        if (y.dtype() == DType.F32) {
            float[] gs = g.dataF(), ys = y.dataF(), us = u.dataF();
            float foldF = (float) fold;
            y.backend().parallelRange(n, Math.max(1, GRAIN / Math.max(1, tk)), (from, to) -> {
                for (int r = from; r < to; r++) backwardRowF32(gs, gOff + r * tk, ys, us, uOff + r * tk, r * tk, tk, foldF);
            });
        } else {
            double[] gs = g.dataD(), ys = y.dataD(), us = u.dataD();
            y.backend().parallelRange(n, Math.max(1, GRAIN / Math.max(1, tk)), (from, to) -> {
                for (int r = from; r < to; r++) {
                    int o = r * tk, go = gOff + o, uo = uOff + o;
                    double dot = 0;
                    for (int j = 0; j < tk; j++) dot += gs[go + j] * ys[o + j];
                    for (int j = 0; j < tk; j++) {
                        double yj = ys[o + j];
                        us[uo + j] = yj != 0 ? yj * (gs[go + j] - dot) * fold : 0.0;
                    }
                }
            });
        }
    }

    /** u = fold · y ⊙ (g − Σ g⊙y) for one row, 0 where y = 0 (masked keys stay exactly 0). */
    private static void backwardRowF32(float[] gs, int go, float[] ys, float[] us, int uo, int o, int tk, float fold) {
        int vl = F8.loopBound(tk), j = 0;
        FloatVector acc = FloatVector.zero(F8);
        for (; j < vl; j += F8.length()) acc = FloatVector.fromArray(F8, gs, go + j).fma(FloatVector.fromArray(F8, ys, o + j), acc);
        double dot = lanesInOrder(acc);
        for (; j < tk; j++) dot += gs[go + j] * ys[o + j];
        float d = (float) dot;
        FloatVector dv = FloatVector.broadcast(F8, d), fv = FloatVector.broadcast(F8, fold), zero = FloatVector.zero(F8);
        for (j = 0; j < vl; j += F8.length()) {
            FloatVector yv = FloatVector.fromArray(F8, ys, o + j);
            FloatVector v = yv.mul(FloatVector.fromArray(F8, gs, go + j).sub(dv)).mul(fv);
            zero.blend(v, yv.compare(VectorOperators.NE, 0f)).intoArray(us, uo + j);
        }
        for (; j < tk; j++) {
            float yj = ys[o + j];
            us[uo + j] = yj != 0 ? yj * (gs[go + j] - d) * fold : 0f;
        }
    }

    /** Shape check helper for callers: scores (…, Tq, Tk). */
    static void checkScores(String op, Tensor s) {
        if (s.rank() < 2) throw new ShapeException(op + ": scores expected (…, Tq, Tk), got " + Shapes.str(s.shapeRef()));
    }
}
