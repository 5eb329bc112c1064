package io.seqlearn.tensor;

import io.seqlearn.autograd.Engine;
import io.seqlearn.autograd.Node;
import io.seqlearn.backend.Backend;
import io.seqlearn.ops.Elementwise;
import io.seqlearn.ops.Indexing;
import io.seqlearn.ops.MatMul;
import io.seqlearn.ops.Reductions;
import io.seqlearn.ops.Softmax;
import io.seqlearn.ops.Views;
import io.seqlearn.backend.BinaryOp;
import io.seqlearn.backend.UnaryOp;

import java.util.Arrays;

/**
 * A dense N-d array of {@link DType#F32} or {@link DType#F64} over a flat Java array, with shape, strides
 * and offset (so transposes, slices and expansions are views), and the autograd fields of PyTorch:
 * {@link #requiresGrad()}, {@link #grad()}, {@link #backward()}.
 *
 * <p>Shapes use one vocabulary across the library: B batch, T time, I input, H hidden, V vocabulary,
 * D model width. Ops that need contiguous memory call {@link #contiguous()}, which is free when the tensor
 * already is.
 */
public final class Tensor {
    private final DType dtype;
    private final int[] shape;
    private final int[] strides;
    private final int offset;
    private final float[] f;
    private final double[] d;
    private final Backend backend;

    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;
    private boolean retainGrad;

    Tensor(DType dtype, int[] shape, int[] strides, int offset, float[] f, double[] d, Backend backend) {
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.f = f;
        this.d = d;
        this.backend = backend;
    }

    // ---- construction over raw buffers (no copy) -------------------------------------------------

    /** Wraps a float array as a contiguous tensor of the given shape (no copy). */
    public static Tensor wrap(float[] data, Backend backend, int... shape) {
        checkLength(data.length, shape);
        return new Tensor(DType.F32, shape.clone(), Shapes.contiguousStrides(shape), 0, data, null, backend);
    }

    /** Wraps a double array as a contiguous tensor of the given shape (no copy). */
    public static Tensor wrap(double[] data, Backend backend, int... shape) {
        checkLength(data.length, shape);
        return new Tensor(DType.F64, shape.clone(), Shapes.contiguousStrides(shape), 0, null, data, backend);
    }

    /** Wraps a float array with the default backend. */
    public static Tensor of(float[] data, int... shape) { return wrap(data, Backends.defaultBackend(), shape); }

    /** Wraps a double array with the default backend. */
    public static Tensor of(double[] data, int... shape) { return wrap(data, Backends.defaultBackend(), shape); }

    /** A scalar (rank-0) tensor. */
    public static Tensor scalar(double v, DType dtype) {
        return dtype == DType.F32 ? of(new float[]{(float) v}) : of(new double[]{v});
    }

    private static void checkLength(int length, int[] shape) {
        int n = Shapes.numel(shape);
        if (n != length) {
            throw new ShapeException("tensor: data of length " + length + " does not fit shape " + Shapes.str(shape));
        }
    }

    /** A new view sharing this tensor's storage. */
    public Tensor view(int[] newShape, int[] newStrides, int newOffset) {
        return new Tensor(dtype, newShape, newStrides, newOffset, f, d, backend);
    }

    /** A new contiguous, zero-filled tensor of the same dtype and backend. */
    public Tensor newZeros(int... newShape) {
        int n = Shapes.numel(newShape);
        int[] s = newShape.clone();
        return dtype == DType.F32 ? new Tensor(dtype, s, Shapes.contiguousStrides(s), 0, new float[n], null, backend)
                : new Tensor(dtype, s, Shapes.contiguousStrides(s), 0, null, new double[n], backend);
    }

    /** A same-dtype tensor filled with {@code v}. */
    public Tensor newFull(double v, int... newShape) {
        Tensor t = newZeros(newShape);
        if (v != 0) t.fill(v);
        return t;
    }

    /** A same-dtype scalar. */
    public Tensor newScalar(double v) { return newFull(v); }

    // ---- metadata -----------------------------------------------------------------------------

    public DType dtype() { return dtype; }

    public Backend backend() { return backend; }

    /** A copy of the shape. */
    public int[] shape() { return shape.clone(); }

    /** Shape without copying; callers must not modify it. */
    public int[] shapeRef() { return shape; }

    /** A copy of the strides (in elements). */
    public int[] strides() { return strides.clone(); }

    public int offset() { return offset; }

    public int rank() { return shape.length; }

    /** Size of one dimension; negative dims count from the end. */
    public int size(int dim) { return shape[Shapes.axis("size", dim, shape.length)]; }

    public int numel() { return Shapes.numel(shape); }

    /** The backing float array (F32 only). Index with {@link #offset()} and {@link #strides()}. */
    public float[] dataF() {
        if (f == null) throw new ShapeException("dataF: tensor is " + dtype + ", not F32");
        return f;
    }

    /** The backing double array (F64 only). */
    public double[] dataD() {
        if (d == null) throw new ShapeException("dataD: tensor is " + dtype + ", not F64");
        return d;
    }

    /** True when elements are laid out densely in row-major order from {@link #offset()}. */
    public boolean isContiguous() {
        int expect = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expect) return false;
            expect *= shape[i];
        }
        return true;
    }

    // ---- element access -----------------------------------------------------------------------

    /** Storage index of a multi-index. */
    public int index(int... idx) {
        if (idx.length != shape.length) {
            throw new ShapeException("index: expected " + shape.length + " indices, got " + idx.length);
        }
        int p = offset;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + idx[i] + " out of range for dim " + i
                        + " of size " + shape[i] + " in shape " + Shapes.str(shape));
            }
            p += idx[i] * strides[i];
        }
        return p;
    }

    /** One element as double. */
    public double get(int... idx) {
        int p = index(idx);
        return f != null ? f[p] : d[p];
    }

    /** Sets one element (no autograd). */
    public void set(double v, int... idx) {
        int p = index(idx);
        if (f != null) f[p] = (float) v; else d[p] = v;
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (numel() != 1) throw new ShapeException("item: expected one element, got shape " + Shapes.str(shape));
        return f != null ? f[offset] : d[offset];
    }

    /** Raw storage element (for kernels iterating with strides). */
    public double at(int storageIndex) { return f != null ? f[storageIndex] : d[storageIndex]; }

    /** Raw storage write. */
    public void put(int storageIndex, double v) {
        if (f != null) f[storageIndex] = (float) v; else d[storageIndex] = v;
    }

    /** Fills every element with {@code v} in place (no autograd). */
    public Tensor fill(double v) {
        if (isContiguous()) {
            int n = numel();
            if (f != null) java.util.Arrays.fill(f, offset, offset + n, (float) v);
            else java.util.Arrays.fill(d, offset, offset + n, v);
        } else {
            StridedIndex it = new StridedIndex(this);
            for (int i = 0, n = numel(); i < n; i++) put(it.next(), v);
        }
        return this;
    }

    /** Elements in row-major order as floats (a copy). */
    public float[] toFloatArray() {
        Tensor c = contiguousNoGrad();
        int n = numel();
        float[] out = new float[n];
        if (c.f != null) System.arraycopy(c.f, c.offset, out, 0, n);
        else for (int i = 0; i < n; i++) out[i] = (float) c.d[c.offset + i];
        return out;
    }

    /** Elements in row-major order as doubles (a copy). */
    public double[] toDoubleArray() {
        Tensor c = contiguousNoGrad();
        int n = numel();
        double[] out = new double[n];
        if (c.d != null) System.arraycopy(c.d, c.offset, out, 0, n);
        else for (int i = 0; i < n; i++) out[i] = c.f[c.offset + i];
        return out;
    }

    /** A contiguous copy that never records autograd history. */
    public Tensor contiguousNoGrad() {
        if (isContiguous()) return this;
        Tensor out = newZeros(shape);
        copyInto(out);
        return out;
    }

    /** Copies this tensor's elements (any layout) into contiguous {@code out} of the same shape. */
    public void copyInto(Tensor out) {
        Copy.strided(this, out);
    }

    /** Copies {@code src}'s values into this tensor in place (shapes must match; no autograd). */
    public Tensor copyFrom(Tensor src) {
        if (!Shapes.same(shape, src.shape)) {
            throw new ShapeException("copyFrom: expected " + Shapes.str(shape) + ", got " + Shapes.str(src.shape));
        }
        Copy.any(src, this);
        return this;
    }

    /** Same values in another dtype (a copy; differentiable). */
    public Tensor to(DType target) { return Elementwise.cast(this, target); }

    /** A deep copy with no autograd history. */
    public Tensor copy() {
        if (isContiguous()) {   // copyOfRange: the JIT skips zeroing an array it fills at once
            int n = numel();
            return f != null ? wrap(Arrays.copyOfRange(f, offset, offset + n), backend, shape)
                    : wrap(Arrays.copyOfRange(d, offset, offset + n), backend, shape);
        }
        Tensor out = newZeros(shape);
        copyInto(out);
        return out;
    }

    // ---- autograd -----------------------------------------------------------------------------

    public boolean requiresGrad() { return requiresGrad; }

    /** Marks a leaf tensor as needing a gradient. */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null && !value) {
            throw new IllegalStateException("requiresGrad: cannot clear it on a non-leaf tensor; use detach()");
        }
        this.requiresGrad = value;
        return this;
    }

    /** The accumulated gradient of a leaf (or of a non-leaf after {@link #retainGrad()}), or null. */
    public Tensor grad() { return grad; }

    /** Replaces the gradient (optimizers and zeroGrad use this). */
    public void setGrad(Tensor g) { this.grad = g; }

    /** Keeps the gradient of a non-leaf tensor after backward. */
    public Tensor retainGrad() { this.retainGrad = true; return this; }

    public boolean retainsGrad() { return retainGrad; }

    /** The node that produced this tensor, null for leaves. */
    public Node gradFn() { return gradFn; }

    /** Engine use: records the producing node and marks the result as requiring a gradient. */
    public void setGradFn(Node node) {
        this.gradFn = node;
        this.requiresGrad = true;
    }

    public boolean isLeaf() { return gradFn == null; }

    /** Same storage, cut from the graph. */
    public Tensor detach() { return new Tensor(dtype, shape, strides, offset, f, d, backend); }

    /** Backpropagates from a one-element tensor (gradient 1). */
    public void backward() { Engine.backward(this, null); }

    /** Backpropagates with an explicit output gradient of this tensor's shape. */
    public void backward(Tensor gradient) { Engine.backward(this, gradient); }

    // ---- fluent ops (each delegates to one op class in io.seqlearn.ops) --------------------------

    public Tensor add(Tensor o) { return Elementwise.binary(BinaryOp.ADD, this, o); }
    public Tensor sub(Tensor o) { return Elementwise.binary(BinaryOp.SUB, this, o); }
    public Tensor mul(Tensor o) { return Elementwise.binary(BinaryOp.MUL, this, o); }
    public Tensor div(Tensor o) { return Elementwise.binary(BinaryOp.DIV, this, o); }
    public Tensor maximum(Tensor o) { return Elementwise.binary(BinaryOp.MAX, this, o); }
    public Tensor minimum(Tensor o) { return Elementwise.binary(BinaryOp.MIN, this, o); }
    public Tensor add(double s) { return Elementwise.addScalar(this, s); }
    public Tensor sub(double s) { return Elementwise.addScalar(this, -s); }
    public Tensor mul(double s) { return Elementwise.mulScalar(this, s); }
    public Tensor div(double s) { return Elementwise.mulScalar(this, 1.0 / s); }
    public Tensor pow(double p) { return Elementwise.powScalar(this, p); }
    public Tensor neg() { return Elementwise.unary(UnaryOp.NEG, this); }
    public Tensor exp() { return Elementwise.unary(UnaryOp.EXP, this); }
    public Tensor log() { return Elementwise.unary(UnaryOp.LOG, this); }
    public Tensor tanh() { return Elementwise.unary(UnaryOp.TANH, this); }
    public Tensor sigmoid() { return Elementwise.unary(UnaryOp.SIGMOID, this); }
    public Tensor relu() { return Elementwise.unary(UnaryOp.RELU, this); }
    public Tensor gelu() { return Elementwise.unary(UnaryOp.GELU, this); }
    public Tensor sqrt() { return Elementwise.unary(UnaryOp.SQRT, this); }
    public Tensor abs() { return Elementwise.unary(UnaryOp.ABS, this); }
    public Tensor square() { return Elementwise.unary(UnaryOp.SQUARE, this); }
    public Tensor clamp(double lo, double hi) { return Elementwise.clamp(this, lo, hi); }

    public Tensor matmul(Tensor o) { return MatMul.apply(this, o); }

    public Tensor sum() { return Reductions.sumAll(this); }
    public Tensor sum(int dim, boolean keepDim) { return Reductions.sum(this, dim, keepDim); }
    public Tensor mean() { return Reductions.meanAll(this); }
    public Tensor mean(int dim, boolean keepDim) { return Reductions.mean(this, dim, keepDim); }
    public Tensor max(int dim, boolean keepDim) { return Reductions.max(this, dim, keepDim); }
    public Tensor argmax(int dim, boolean keepDim) { return Reductions.argmax(this, dim, keepDim); }
    public Tensor logsumexp(int dim, boolean keepDim) { return Reductions.logsumexp(this, dim, keepDim); }
    public Tensor softmax(int dim) { return Softmax.softmax(this, dim); }
    public Tensor logSoftmax(int dim) { return Softmax.logSoftmax(this, dim); }

    public Tensor reshape(int... newShape) { return Views.reshape(this, newShape); }
    public Tensor transpose(int a, int b) { return Views.transpose(this, a, b); }
    public Tensor permute(int... dims) { return Views.permute(this, dims); }
    public Tensor narrow(int dim, int start, int length) { return Views.narrow(this, dim, start, length); }
    public Tensor select(int dim, int index) { return Views.select(this, dim, index); }
    public Tensor expand(int... newShape) { return Views.expand(this, newShape); }
    public Tensor unsqueeze(int dim) { return Views.unsqueeze(this, dim); }
    public Tensor squeeze(int dim) { return Views.squeeze(this, dim); }
    public Tensor contiguous() { return Views.contiguous(this); }

    public Tensor gather(int dim, Tensor index) { return Indexing.gather(this, dim, index); }
    public Tensor indexSelect(int dim, Tensor index) { return Indexing.indexSelect(this, dim, index); }
    public Tensor maskedFill(Tensor mask, double value) { return Indexing.maskedFill(this, mask, value); }

    public Tensor eq(Tensor o) { return Elementwise.compare(Elementwise.Cmp.EQ, this, o); }
    public Tensor lt(Tensor o) { return Elementwise.compare(Elementwise.Cmp.LT, this, o); }
    public Tensor gt(Tensor o) { return Elementwise.compare(Elementwise.Cmp.GT, this, o); }
    public Tensor le(Tensor o) { return Elementwise.compare(Elementwise.Cmp.LE, this, o); }
    public Tensor ge(Tensor o) { return Elementwise.compare(Elementwise.Cmp.GE, this, o); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.str(shape)).append(' ').append(dtype);
        if (requiresGrad) sb.append(gradFn != null ? " grad_fn=" + gradFn.name() : " requires_grad");
        int n = numel();
        if (n <= 16) {
            sb.append(' ').append(java.util.Arrays.toString(toDoubleArray()));
        }
        return sb.toString();
    }
}
