package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/** Entry checks with errors that name the layer and print expected vs actual. */
final class RecurrentChecks {
    private RecurrentChecks() {}

    /**
     * Validates a (B,) lengths tensor of integers in [1, T] and returns it as ints; null stays null.
     * Example error: {@code lstm: lengths expected (8,), got (7,)}.
     */
    static int[] lengths(String op, Tensor lengths, int batch, int time) {
        if (lengths == null) return null;
        if (lengths.rank() != 1 || lengths.size(0) != batch) {
            throw new ShapeException(op + ": lengths expected " + Shapes.str(new int[]{batch}) + ", got "
                    + Shapes.str(lengths.shapeRef()));
        }
        double[] v = lengths.toDoubleArray();
        int[] out = new int[batch];
        for (int b = 0; b < batch; b++) {
            if (v[b] != Math.rint(v[b])) {
                throw new IllegalArgumentException(op + ": lengths[" + b + "] = " + v[b] + " is not an integer");
            }
            if (v[b] < 1 || v[b] > time) {
                throw new IllegalArgumentException(op + ": lengths[" + b + "] = " + (long) v[b]
                        + " is out of range, expected 1 <= length <= T = " + time);
            }
            out[b] = (int) v[b];
        }
        return out;
    }

    /** Checks an initial state's shape (L·D, B, w) and dtype; null passes. */
    static void state(String op, String name, Tensor s, DType dtype, int layerDirs, int batch, int width) {
        if (s == null) return;
        int[] expected = {layerDirs, batch, width};
        if (!Shapes.same(s.shapeRef(), expected)) {
            throw new ShapeException(op + ": " + name + " expected " + Shapes.str(expected) + ", got "
                    + Shapes.str(s.shapeRef()));
        }
        if (s.dtype() != dtype) {
            throw new IllegalArgumentException(op + ": " + name + " is " + s.dtype() + " but the input is " + dtype);
        }
    }
}
