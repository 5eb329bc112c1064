package io.seqlearn.ops;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/** Shape-changing ops. Most return views that share storage; backward maps the gradient back. */
public final class Views {
    private Views() {}

    /** Same elements in a new shape (one dim may be −1). A view when the input is contiguous. */
    public static Tensor reshape(Tensor x, int... shape) {
        int[] target = resolve(x, shape);
        Tensor src = x.isContiguous() ? x : x.contiguousNoGrad();
        Tensor y = src.view(target, Shapes.contiguousStrides(target), src.offset());
        int[] in = x.shape();
        return Node.record(y, "reshape", g -> new Tensor[]{broadcastScalar(g) ? g.view(in, new int[in.length], g.offset())
                : reshape(g.contiguous(), in)}, x);
    }

    /**
     * Whether every element of t is one stored value (all strides 0), as the gradient of {@code sum()} is:
     * reshaping it back needs no copy (for a recurrent layer's output that copy was B·T·H floats per step).
     */
    private static boolean broadcastScalar(Tensor t) {
        for (int s : t.strides()) if (s != 0) return false;
        return true;
    }

    private static int[] resolve(Tensor x, int[] shape) {
        int[] t = shape.clone();
        int infer = -1, known = 1;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == -1) {
                if (infer >= 0) throw new ShapeException("reshape: more than one -1 in " + Shapes.str(shape));
                infer = i;
            } else known *= t[i];
        }
        if (infer >= 0) {
            if (known == 0 || x.numel() % known != 0) {
                throw new ShapeException("reshape: cannot view " + Shapes.str(x.shapeRef()) + " as " + Shapes.str(shape));
            }
            t[infer] = x.numel() / known;
        }
        if (Shapes.numel(t) != x.numel()) {
            throw new ShapeException("reshape: cannot view " + Shapes.str(x.shapeRef()) + " (" + x.numel()
                    + " elements) as " + Shapes.str(shape));
        }
        return t;
    }

    /** Swaps two dims (a view). */
    public static Tensor transpose(Tensor x, int a, int b) {
        int[] p = new int[x.rank()];
        for (int i = 0; i < p.length; i++) p[i] = i;
        int aa = Shapes.axis("transpose", a, x.rank()), bb = Shapes.axis("transpose", b, x.rank());
        p[aa] = bb;
        p[bb] = aa;
        return permute(x, p);
    }

    /** Reorders dims: output dim i is input dim {@code dims[i]} (a view). */
    public static Tensor permute(Tensor x, int... dims) {
        if (dims.length != x.rank()) {
            throw new ShapeException("permute: expected " + x.rank() + " dims, got " + dims.length);
        }
        int[] s = x.shapeRef(), st = x.strides();
        int[] ns = new int[dims.length], nst = new int[dims.length], inv = new int[dims.length];
        boolean[] seen = new boolean[dims.length];
        for (int i = 0; i < dims.length; i++) {
            int d = Shapes.axis("permute", dims[i], x.rank());
            if (seen[d]) throw new ShapeException("permute: repeated dim " + d);
            seen[d] = true;
            ns[i] = s[d];
            nst[i] = st[d];
            inv[d] = i;
        }
        Tensor y = x.view(ns, nst, x.offset());
        return Node.record(y, "permute", g -> new Tensor[]{permute(g, inv)}, x);
    }

    /** Elements [start, start+length) of {@code dim} (a view). Backward: g placed into zeros. */
    public static Tensor narrow(Tensor x, int dim, int start, int length) {
        int ax = Shapes.axis("narrow", dim, x.rank());
        int size = x.shapeRef()[ax];
        if (start < 0 || length < 0 || start + length > size) {
            throw new ShapeException("narrow: range [" + start + ", " + (start + length) + ") out of bounds for dim "
                    + dim + " of size " + size + " in shape " + Shapes.str(x.shapeRef()));
        }
        int[] st = x.strides();
        Tensor y = x.view(Shapes.with(x.shapeRef(), ax, length), st, x.offset() + start * st[ax]);
        int[] in = x.shape();
        return Node.record(y, "narrow", g -> {
            Tensor z = g.newZeros(in);
            z.view(Shapes.with(in, ax, length), z.strides(), start * z.strides()[ax]).copyFrom(g);
            return new Tensor[]{z};
        }, x);
    }

    /** Index {@code index} of {@code dim}, removing that dim (a view). */
    public static Tensor select(Tensor x, int dim, int index) {
        int ax = Shapes.axis("select", dim, x.rank());
        int size = x.shapeRef()[ax];
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new ShapeException("select: index " + index + " out of range for dim " + dim + " of size " + size);
        }
        return squeeze(narrow(x, ax, i, 1), ax);
    }

    /** Broadcasts size-1 dims (and new leading dims) to {@code shape} without copying (stride 0). */
    public static Tensor expand(Tensor x, int... shape) {
        int[] s = x.shapeRef(), st = x.strides();
        if (shape.length < s.length) {
            throw new ShapeException("expand: cannot expand " + Shapes.str(s) + " to " + Shapes.str(shape));
        }
        int lead = shape.length - s.length;
        int[] ns = shape.clone(), nst = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (i < lead) continue;
            int d = s[i - lead];
            if (ns[i] == -1) ns[i] = d;
            if (d == ns[i]) nst[i] = st[i - lead];
            else if (d != 1) {
                throw new ShapeException("expand: cannot expand " + Shapes.str(s) + " to " + Shapes.str(shape));
            }
        }
        if (Shapes.same(ns, s)) return x;
        Tensor y = x.view(ns, nst, x.offset());
        int[] in = x.shape();
        return Node.record(y, "expand", g -> new Tensor[]{Reductions.sumTo(g, in)}, x);
    }

    /** Inserts a dim of size 1. */
    public static Tensor unsqueeze(Tensor x, int dim) {
        int ax = dim < 0 ? dim + x.rank() + 1 : dim;
        if (ax < 0 || ax > x.rank()) throw new ShapeException("unsqueeze: dim " + dim + " out of range");
        int[] st = x.strides();
        int[] nst = new int[st.length + 1];
        for (int i = 0, j = 0; i < nst.length; i++) {
            nst[i] = i == ax ? (ax < st.length ? st[ax] * x.shapeRef()[ax] : 1) : st[j++];
        }
        Tensor y = x.view(Shapes.insert(x.shapeRef(), ax, 1), nst, x.offset());
        return Node.record(y, "unsqueeze", g -> new Tensor[]{squeeze(g, ax)}, x);
    }

    /** Removes a dim of size 1. */
    public static Tensor squeeze(Tensor x, int dim) {
        int ax = Shapes.axis("squeeze", dim, x.rank());
        if (x.shapeRef()[ax] != 1) {
            throw new ShapeException("squeeze: dim " + dim + " has size " + x.shapeRef()[ax] + ", not 1");
        }
        int[] st = x.strides();
        int[] nst = new int[st.length - 1];
        for (int i = 0, j = 0; i < st.length; i++) if (i != ax) nst[j++] = st[i];
        Tensor y = x.view(Shapes.remove(x.shapeRef(), ax), nst, x.offset());
        return Node.record(y, "squeeze", g -> new Tensor[]{unsqueeze(g, ax)}, x);
    }

    /** A contiguous version (the same tensor when it already is). Backward: identity. */
    public static Tensor contiguous(Tensor x) {
        if (x.isContiguous()) return x;
        Tensor y = x.contiguousNoGrad();
        return Node.record(y, "contiguous", g -> new Tensor[]{g}, x);
    }
}
