package io.seqlearn.ops;

import io.seqlearn.autograd.Node;
import io.seqlearn.backend.BinaryOp;
import io.seqlearn.backend.UnaryOp;
import io.seqlearn.backend.ref.Scalar;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.StridedIndex;
import io.seqlearn.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.function.DoubleUnaryOperator;

/** Element-wise ops with NumPy broadcasting, each with its backward rule beside the forward. */
public final class Elementwise {
    private Elementwise() {}

    /** Comparison kinds; results are 0/1 tensors of the inputs' dtype and carry no gradient. */
    public enum Cmp { EQ, LT, GT, LE, GE }

    static void sameDtype(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new ShapeException(op + ": dtype mismatch, " + a.dtype() + " vs " + b.dtype());
        }
    }

    /** y = op(x). Backward: NEG −g; EXP g·y; LOG g/x; TANH g(1−y²); SIGMOID g·y(1−y); RELU g·[x>0];
     * SQRT g/(2y); ABS g·sign(x); SQUARE 2gx; RECIPROCAL −g·y²; GELU g·(Φ(x)+xφ(x)). */
    public static Tensor unary(UnaryOp op, Tensor x) {
        Tensor xc = x.contiguousNoGrad();
        Tensor y = x.newZeros(x.shapeRef());
        int n = y.numel();
        if (x.dtype() == DType.F32) x.backend().unary(op, xc.dataF(), xc.offset(), y.dataF(), 0, n);
        else x.backend().unary(op, xc.dataD(), xc.offset(), y.dataD(), 0, n);
        return Node.record(y, op.name().toLowerCase(), g -> new Tensor[]{unaryGrad(op, g, xc, y)}, x);
    }

    private static Tensor unaryGrad(UnaryOp op, Tensor g, Tensor x, Tensor y) {
        return switch (op) {
            case NEG -> g.neg();
            case EXP -> g.mul(y);
            case LOG -> g.div(x);
            case TANH -> g.mul(unary(UnaryOp.TANH_GRAD_FROM_Y, y));
            case SIGMOID -> g.mul(unary(UnaryOp.SIGMOID_GRAD_FROM_Y, y));
            case RELU -> reluGrad(g, x);
            case SQRT -> g.div(y.mul(2.0));
            case ABS -> g.mul(map(x, Math::signum));
            case SQUARE -> g.mul(x.mul(2.0));
            case RECIPROCAL -> g.mul(y.square()).neg();
            case GELU -> g.mul(map(x, Scalar::geluGrad));
            case TANH_GRAD_FROM_Y -> g.mul(x.mul(-2.0));
            case SIGMOID_GRAD_FROM_Y -> g.mul(x.mul(-2.0).add(1.0));
        };
    }

    /**
     * {@code g} where {@code x > 0}, else 0, in one pass (a mask tensor and a product cost three),
     * vectorised and split over the backend's threads: a scalar branch on the sign mispredicts half the
     * time on ReLU inputs and measured 6× slower than the memory traffic.
     */
    private static Tensor reluGrad(Tensor g, Tensor x) {
        if (!java.util.Arrays.equals(g.shapeRef(), x.shapeRef()) || g.dtype() != x.dtype()) {
            return g.mul(map(x, v -> v > 0 ? 1 : 0));
        }
        Tensor gc = g.contiguousNoGrad(), xc = x.contiguousNoGrad();
        Tensor y = x.newZeros(x.shapeRef());
        int n = y.numel(), go = gc.offset(), xo = xc.offset();
        if (x.dtype() == DType.F32) {
            float[] gs = gc.dataF(), xs = xc.dataF(), t = y.dataF();
            x.backend().parallelRange(n, RELU_GRAIN, (from, to) -> reluGradF32(gs, go, xs, xo, t, from, to));
        } else {
            double[] gs = gc.dataD(), xs = xc.dataD(), t = y.dataD();
            for (int i = 0; i < n; i++) t[i] = xs[xo + i] > 0 ? gs[go + i] : 0.0;
        }
        return y;
    }

    private static final int RELU_GRAIN = 1 << 15;
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final FloatVector ZERO8 = FloatVector.zero(F8);

    private static void reluGradF32(float[] g, int go, float[] x, int xo, float[] t, int from, int to) {
        int i = from;
        for (int end = from + F8.loopBound(to - from); i < end; i += F8.length()) {
            // zero where !(x > 0), NaN included, as the scalar tail
            FloatVector positive = FloatVector.fromArray(F8, x, xo + i);
            ZERO8.blend(FloatVector.fromArray(F8, g, go + i), positive.compare(VectorOperators.GT, 0f)).intoArray(t, i);
        }
        for (; i < to; i++) t[i] = x[xo + i] > 0 ? g[go + i] : 0f;
    }

    /** A new tensor with {@code fn} applied to every element (no autograd; for backward rules). */
    public static Tensor map(Tensor x, DoubleUnaryOperator fn) {
        Tensor xc = x.contiguousNoGrad();
        Tensor y = x.newZeros(x.shapeRef());
        int n = y.numel(), o = xc.offset();
        if (x.dtype() == DType.F32) {
            float[] s = xc.dataF(), t = y.dataF();
            for (int i = 0; i < n; i++) t[i] = (float) fn.applyAsDouble(s[o + i]);
        } else {
            double[] s = xc.dataD(), t = y.dataD();
            for (int i = 0; i < n; i++) t[i] = fn.applyAsDouble(s[o + i]);
        }
        return y;
    }

    /** tanh-approximated GELU (PyTorch approximate='tanh'): 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))). */
    public static Tensor geluTanh(Tensor x) {
        Tensor xc = x.contiguousNoGrad();
        Tensor y = map(xc, Scalar::geluTanh);
        return Node.record(y, "gelu_tanh", g -> new Tensor[]{g.mul(map(xc, Elementwise::geluTanhGrad))}, x);
    }

    private static double geluTanhGrad(double x) {
        double c = Math.sqrt(2 / Math.PI), u = c * (x + 0.044715 * x * x * x), t = Math.tanh(u);
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x);
    }

    /** y = x + s. */
    public static Tensor addScalar(Tensor x, double s) {
        Tensor y = map(x, v -> v + s);
        return Node.record(y, "add_scalar", g -> new Tensor[]{g}, x);
    }

    /** y = x · s. */
    public static Tensor mulScalar(Tensor x, double s) {
        Tensor y = map(x, v -> v * s);
        return Node.record(y, "mul_scalar", g -> new Tensor[]{g.mul(s)}, x);
    }

    /** y = xᵖ. Backward: g·p·xᵖ⁻¹. */
    public static Tensor powScalar(Tensor x, double p) {
        Tensor xc = x.contiguousNoGrad();
        Tensor y = map(xc, v -> Math.pow(v, p));
        return Node.record(y, "pow", g -> new Tensor[]{g.mul(map(xc, v -> p * Math.pow(v, p - 1)))}, x);
    }

    /** y = min(max(x, lo), hi). Backward: g where lo ≤ x ≤ hi, else 0. */
    public static Tensor clamp(Tensor x, double lo, double hi) {
        Tensor xc = x.contiguousNoGrad();
        Tensor y = map(xc, v -> Math.min(Math.max(v, lo), hi));
        return Node.record(y, "clamp", g -> new Tensor[]{g.mul(map(xc, v -> v >= lo && v <= hi ? 1 : 0))}, x);
    }

    /** Same values in {@code target} dtype; the gradient is cast back. */
    public static Tensor cast(Tensor x, DType target) {
        if (x.dtype() == target) return x;
        Tensor y = target == DType.F32
                ? Tensor.wrap(x.toFloatArray(), x.backend(), x.shape())
                : Tensor.wrap(x.toDoubleArray(), x.backend(), x.shape());
        DType from = x.dtype();
        return Node.record(y, "cast", g -> new Tensor[]{cast(g, from)}, x);
    }

    /** 0/1 tensor of a comparison, broadcast; no gradient. */
    public static Tensor compare(Cmp cmp, Tensor a, Tensor b) {
        sameDtype("compare", a, b);
        int[] shape = Shapes.broadcast("compare", a.shapeRef(), b.shapeRef());
        Tensor out = a.newZeros(shape);
        StridedIndex ia = broadcastIndex(a, shape), ib = broadcastIndex(b, shape);
        for (int i = 0, n = out.numel(); i < n; i++) {
            double x = a.at(ia.next()), y = b.at(ib.next());
            boolean r = switch (cmp) {
                case EQ -> x == y;
                case LT -> x < y;
                case GT -> x > y;
                case LE -> x <= y;
                case GE -> x >= y;
            };
            out.put(i, r ? 1 : 0);
        }
        return out;
    }

    /** c = op(a, b) with broadcasting. Backward reduces each gradient back to its input's shape. */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        String name = op.name().toLowerCase();
        sameDtype(name, a, b);
        int[] shape = Shapes.broadcast(name, a.shapeRef(), b.shapeRef());
        Tensor out = a.newZeros(shape);
        compute(op, a, b, out);
        return Node.record(out, name, g -> binaryGrad(op, g, a.detach(), b.detach(), out), a, b);
    }

    private static Tensor[] binaryGrad(BinaryOp op, Tensor g, Tensor a, Tensor b, Tensor out) {
        int[] sa = a.shapeRef(), sb = b.shapeRef();
        return switch (op) {
            case ADD -> new Tensor[]{Reductions.sumTo(g, sa), Reductions.sumTo(g, sb)};
            case SUB -> new Tensor[]{Reductions.sumTo(g, sa), Reductions.sumTo(g.neg(), sb)};
            case MUL -> new Tensor[]{Reductions.sumTo(g.mul(b), sa), Reductions.sumTo(g.mul(a), sb)};
            case DIV -> new Tensor[]{Reductions.sumTo(g.div(b), sa),
                    Reductions.sumTo(g.mul(out).div(b).neg(), sb)};
            case MAX, MIN -> {
                Tensor pickA = compare(op == BinaryOp.MAX ? Cmp.GE : Cmp.LE, a, b);
                yield new Tensor[]{Reductions.sumTo(g.mul(pickA), sa),
                        Reductions.sumTo(g.mul(pickA.neg().add(1.0)), sb)};
            }
            case POW -> new Tensor[]{Reductions.sumTo(g.mul(b).mul(out.div(a)), sa),
                    Reductions.sumTo(g.mul(out).mul(a.log()), sb)};
        };
    }

    /** Fills contiguous {@code out} with op(a, b): a kernel call when layouts allow, else a strided walk. */
    static void compute(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        int[] shape = out.shapeRef();
        int n = out.numel();
        if (n == 0) return;
        if (Shapes.same(a.shapeRef(), shape) && Shapes.same(b.shapeRef(), shape)
                && a.isContiguous() && b.isContiguous()) {
            kernel(op, a, a.offset(), b, b.offset(), out, 0, n);
            return;
        }
        if (Shapes.same(a.shapeRef(), shape) && a.isContiguous() && b.isContiguous() && isTrailing(b, shape)) {
            int m = b.numel();
            for (int r = 0; r < n; r += m) kernel(op, a, a.offset() + r, b, b.offset(), out, r, m);
            return;
        }
        StridedIndex ia = broadcastIndex(a, shape), ib = broadcastIndex(b, shape);
        for (int i = 0; i < n; i++) out.put(i, Scalar.binary(op, a.at(ia.next()), b.at(ib.next())));
    }

    /** True when {@code t} broadcasts only over leading dims of {@code shape} (e.g. a bias row). */
    private static boolean isTrailing(Tensor t, int[] shape) {
        int[] s = t.shapeRef();
        int lead = 0;
        while (lead < s.length && s[lead] == 1) lead++;
        int k = s.length - lead;
        if (k == 0) return false;
        for (int i = 0; i < k; i++) if (s[lead + i] != shape[shape.length - k + i]) return false;
        return true;
    }

    private static void kernel(BinaryOp op, Tensor a, int ao, Tensor b, int bo, Tensor out, int oo, int n) {
        if (out.dtype() == DType.F32) out.backend().binary(op, a.dataF(), ao, b.dataF(), bo, out.dataF(), oo, n);
        else out.backend().binary(op, a.dataD(), ao, b.dataD(), bo, out.dataD(), oo, n);
    }

    /** Storage walk of {@code t} broadcast to {@code shape} (stride 0 on broadcast dims). */
    static StridedIndex broadcastIndex(Tensor t, int[] shape) {
        int[] s = t.shapeRef(), st = t.strides();
        int[] bst = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            int j = i - (shape.length - s.length);
            bst[i] = j < 0 || s[j] == 1 ? 0 : st[j];
        }
        return new StridedIndex(shape, bst, t.offset());
    }
}
