package io.seqlearn.loss;

import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * Where the class axis lies in a score tensor and which target shape goes with it. A contiguous score
 * tensor is viewed as (outer, C, inner): row r = (o, i) holds its C scores at {@code o·C·inner + i + c·inner}.
 *
 * <ul>
 *   <li>channels-first (PyTorch): scores (C) with target (), (N, C) with (N), (N, C, d1, …) with (N, d1, …);</li>
 *   <li>channels-last (Keras): scores (…, C) with target (…), e.g. (B, T, V) with (B, T).</li>
 * </ul>
 *
 * @param outer   product of the dims before the class axis
 * @param classes C, the size of the class axis
 * @param inner   product of the dims after the class axis
 */
record ClassLayout(int outer, int classes, int inner) {
    /** Marks a row whose target equals the ignore index. */
    static final int IGNORED = -1;

    int rows() { return outer * inner; }

    /** Storage position (relative to the contiguous start) of class 0 of row {@code r}. */
    int base(int r) { return (r / inner) * classes * inner + r % inner; }

    /** Checks {@code scores} against {@code target} and returns the layout; {@code op} names the caller in errors. */
    static ClassLayout of(String op, int[] scores, int[] target, boolean channelsLast) {
        if (scores.length == 0) throw new ShapeException(op + ": input must have a class axis, got shape ()");
        int ax = channelsLast || scores.length == 1 ? scores.length - 1 : 1;
        int[] expected = Shapes.remove(scores, ax);
        if (!Shapes.same(expected, target)) {
            String conv = channelsLast ? "channels-last (…, C)" : "channels-first (N, C, …)";
            throw new ShapeException(op + ": target expected " + Shapes.str(expected) + " for " + conv + " input "
                    + Shapes.str(scores) + ", got " + Shapes.str(target));
        }
        if (scores[ax] == 0) throw new ShapeException(op + ": input has no classes: " + Shapes.str(scores));
        return new ClassLayout(Shapes.prod(scores, 0, ax), scores[ax], Shapes.prod(scores, ax + 1, scores.length));
    }

    /**
     * Target classes per row as ints, {@link #IGNORED} where the value equals {@code ignoreIndex}; throws
     * naming {@code op} when a value is not an integer in [0, C).
     */
    int[] targets(String op, Tensor target, int ignoreIndex) {
        Tensor t = target.contiguousNoGrad();
        int n = rows();
        int[] out = new int[n];
        int off = t.offset();
        for (int r = 0; r < n; r++) {
            double v = t.at(off + r);
            int c = (int) v;
            if (c != v) throw new ShapeException(op + ": target " + v + " at position " + r + " is not a class index");
            if (c == ignoreIndex) {
                out[r] = IGNORED;
            } else if (c < 0 || c >= classes) {
                throw new ShapeException(op + ": target " + c + " at position " + r + " out of range [0, " + classes
                        + ") (ignore index is " + ignoreIndex + ")");
            } else {
                out[r] = c;
            }
        }
        return out;
    }

    /**
     * The scores as an (R, C) matrix whose row order is the target's row-major order (differentiable):
     * a reshape for channels-last or rank ≤ 2, else the class axis 1 is moved last first.
     */
    Tensor asRows(Tensor scores, boolean channelsLast) {
        int rank = scores.rank();
        if (rank == 2) return scores;
        if (channelsLast || rank <= 2 || inner == 1) return scores.reshape(rows(), classes);
        int[] perm = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) if (i != 1) perm[j++] = i;
        perm[rank - 1] = 1;
        return scores.permute(perm).contiguous().reshape(rows(), classes);
    }
}
