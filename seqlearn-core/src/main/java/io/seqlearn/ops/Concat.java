package io.seqlearn.ops;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

import java.util.List;

/** Joining and splitting along an axis. */
public final class Concat {
    private Concat() {}

    /** Joins tensors along {@code dim}; all other dims must agree. Backward: slices of g. */
    public static Tensor concat(List<Tensor> xs, int dim) {
        if (xs.isEmpty()) throw new ShapeException("concat: no tensors");
        Tensor first = xs.get(0);
        int ax = Shapes.axis("concat", dim, first.rank());
        int total = 0;
        for (Tensor t : xs) {
            Elementwise.sameDtype("concat", first, t);
            int[] s = t.shapeRef();
            if (s.length != first.rank()) throw new ShapeException("concat: rank mismatch " + Shapes.str(first.shapeRef()) + " vs " + Shapes.str(s));
            for (int i = 0; i < s.length; i++) {
                if (i != ax && s[i] != first.shapeRef()[i]) {
                    throw new ShapeException("concat: shapes " + Shapes.str(first.shapeRef()) + " and " + Shapes.str(s)
                            + " differ outside dim " + dim);
                }
            }
            total += s[ax];
        }
        Tensor out = first.newZeros(Shapes.with(first.shapeRef(), ax, total));
        int[] starts = new int[xs.size()];
        int at = 0;
        for (int i = 0; i < xs.size(); i++) {
            Tensor t = xs.get(i);
            starts[i] = at;
            int len = t.shapeRef()[ax];
            out.view(Shapes.with(out.shapeRef(), ax, len), out.strides(), at * out.strides()[ax]).copyFrom(t);
            at += len;
        }
        Tensor[] inputs = xs.toArray(new Tensor[0]);
        return Node.record(out, "concat", g -> {
            Tensor[] gs = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                gs[i] = g.narrow(ax, starts[i], inputs[i].shapeRef()[ax]).contiguous();
            }
            return gs;
        }, inputs);
    }

    /** Stacks equal-shaped tensors along a new dim. */
    public static Tensor stack(List<Tensor> xs, int dim) {
        if (xs.isEmpty()) throw new ShapeException("stack: no tensors");
        int ax = dim < 0 ? dim + xs.get(0).rank() + 1 : dim;
        for (Tensor t : xs) {
            if (!Shapes.same(t.shapeRef(), xs.get(0).shapeRef())) {
                throw new ShapeException("stack: shapes " + Shapes.str(xs.get(0).shapeRef()) + " and "
                        + Shapes.str(t.shapeRef()) + " differ");
            }
        }
        return concat(xs.stream().map(t -> t.unsqueeze(ax)).toList(), ax);
    }

    /** Splits into pieces of {@code size} along {@code dim} (the last may be smaller); views. */
    public static List<Tensor> split(Tensor x, int size, int dim) {
        int ax = Shapes.axis("split", dim, x.rank());
        if (size <= 0) throw new ShapeException("split: size must be positive, got " + size);
        int n = x.shapeRef()[ax];
        java.util.ArrayList<Tensor> parts = new java.util.ArrayList<>();
        for (int s = 0; s < n; s += size) parts.add(x.narrow(ax, s, Math.min(size, n - s)));
        return parts;
    }

    /** Splits into {@code chunks} nearly equal pieces along {@code dim} (PyTorch's rule: ceil-sized). */
    public static List<Tensor> chunk(Tensor x, int chunks, int dim) {
        int ax = Shapes.axis("chunk", dim, x.rank());
        if (chunks <= 0) throw new ShapeException("chunk: chunks must be positive, got " + chunks);
        int n = x.shapeRef()[ax];
        return split(x, Math.max(1, (n + chunks - 1) / chunks), ax);
    }
}
