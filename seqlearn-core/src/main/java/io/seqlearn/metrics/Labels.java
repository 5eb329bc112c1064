package io.seqlearn.metrics;

import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * Reading class labels for classification metrics. Scores have the class axis last (Keras): (…, C),
 * e.g. (N, C) or (B, T, C); targets are class indices of shape (…) stored in a float tensor.
 */
final class Labels {
    private Labels() {}

    /** True when {@code prediction} holds labels already (same shape as the index target). */
    static boolean areLabels(Tensor prediction, Tensor target) {
        return Shapes.same(prediction.shapeRef(), target.shapeRef());
    }

    /** Checks scores (…, C) against an index target (…), naming {@code metric} in the error. */
    static void checkScores(String metric, Tensor scores, Tensor target) {
        int[] s = scores.shapeRef();
        if (s.length == 0 || !Shapes.same(Shapes.remove(s, s.length - 1), target.shapeRef())) {
            String expected = s.length == 0 ? "(…)" : Shapes.str(Shapes.remove(s, s.length - 1));
            throw new ShapeException(metric + ": target expected " + expected + " for scores " + Shapes.str(s)
                    + " (class axis last), got " + Shapes.str(target.shapeRef()));
        }
    }

    /** Predicted class per row: argmax over the last axis of scores, or the labels themselves. */
    static int[] predicted(String metric, Tensor prediction, Tensor target) {
        if (areLabels(prediction, target)) return ints(metric, prediction);
        checkScores(metric, prediction, target);
        return argmax(prediction);
    }

    /** Argmax over the last axis (first maximum on ties, as PyTorch and NumPy). */
    static int[] argmax(Tensor scores) {
        Tensor x = scores.contiguousNoGrad();
        int classes = x.size(-1), rows = x.numel() / Math.max(classes, 1), off = x.offset();
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int b = off + r * classes, best = 0;
            double bv = x.at(b);
            for (int c = 1; c < classes; c++) {
                double v = x.at(b + c);
                if (v > bv || (Double.isNaN(v) && !Double.isNaN(bv))) {
                    bv = v;
                    best = c;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /** Integer values of an index tensor in row-major order. */
    static int[] ints(String metric, Tensor t) {
        Tensor c = t.contiguousNoGrad();
        int[] out = new int[c.numel()];
        for (int i = 0; i < out.length; i++) {
            double v = c.at(c.offset() + i);
            if (v != Math.rint(v)) throw new IllegalArgumentException(metric + ": label " + v + " at " + i + " is not an integer");
            out[i] = (int) v;
        }
        return out;
    }
}
