package io.seqlearn.nn.attention;

import io.seqlearn.autograd.Node;
import io.seqlearn.ops.Reductions;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
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
        int tk = shape[shape.length - 1];
        int tq = shape.length >= 2 ? shape[shape.length - 2] : 1;
        int n = tk == 0 ? 0 : x.numel() / tk;
        double[] row = new double[tk];
        for (int r = 0; r < n; r++) {
            int limit = causal ? Math.min(tk, (r % tq) + (tk - tq) + 1) : tk;
            forwardRow(xc, xc.offset() + r * tk, rows, r, y, r * tk, tk, limit, scale, row);
        }
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(x);
        inputs.addAll(List.of(biases));
        return Node.record(y, "masked_softmax", g -> backward(g, y, scale, x, biases), inputs.toArray(new Tensor[0]));
    }

    private static void forwardRow(Tensor x, int xo, BiasRows[] rows, int r, Tensor y, int yo, int tk, int limit,
                                   double scale, double[] row) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < limit; j++) {
            double v = scale * x.at(xo + j);
            for (BiasRows b : rows) v += b.bias.at(b.rowOffset[r] + j * b.colStride);
            row[j] = v;
            if (v > m) m = v;
        }
        if (m == Double.NEGATIVE_INFINITY) return; // fully masked: y stays 0
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
    }

    private static Tensor[] backward(Tensor g, Tensor y, double scale, Tensor x, Tensor[] biases) {
        Tensor gc = g.contiguousNoGrad();
        int tk = y.size(-1);
        int n = tk == 0 ? 0 : y.numel() / tk;
        Tensor u = y.newZeros(y.shapeRef());
        for (int r = 0; r < n; r++) {
            int o = r * tk, go = gc.offset() + o;
            double dot = 0;
            for (int j = 0; j < tk; j++) dot += gc.at(go + j) * y.at(o + j);
            for (int j = 0; j < tk; j++) {
                double yj = y.at(o + j);
                if (yj != 0) u.put(o + j, yj * (gc.at(go + j) - dot));
            }
        }
        Tensor[] out = new Tensor[1 + biases.length];
        out[0] = x.requiresGrad() ? (scale == 1 ? u : u.mul(scale)) : null;
        for (int i = 0; i < biases.length; i++) {
            out[i + 1] = biases[i].requiresGrad() ? Reductions.sumTo(u, biases[i].shapeRef()) : null;
        }
        return out;
    }

    /** Shape check helper for callers: scores (…, Tq, Tk). */
    static void checkScores(String op, Tensor s) {
        if (s.rank() < 2) throw new ShapeException(op + ": scores expected (…, Tq, Tk), got " + Shapes.str(s.shapeRef()));
    }
}
