package io.seqlearn.nn.rnn;

import io.seqlearn.ops.F;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/** Shared input checks and projections of the one-step cells. */
final class CellParams {
    private CellParams() {}

    /** x·W_ihᵀ + b_ih (bias may be null). */
    static Tensor project(Tensor x, Tensor w, Tensor b) { return F.linear(x, w, b); }

    /** Checks x is (B, I) and a state is (B, width); returns B. */
    static int check(String op, Tensor x, int inputSize, DTypeCheck dtype) {
        if (x.rank() != 2 || x.size(1) != inputSize) {
            throw new ShapeException(op + ": input expected (B, " + inputSize + "), got " + Shapes.str(x.shapeRef()));
        }
        dtype.check(op, x);
        return x.size(0);
    }

    static void checkState(String op, String name, Tensor s, int batch, int width) {
        int[] e = {batch, width};
        if (!Shapes.same(s.shapeRef(), e)) {
            throw new ShapeException(op + ": " + name + " expected " + Shapes.str(e) + ", got " + Shapes.str(s.shapeRef()));
        }
    }

    /** The dtype the cell's parameters have. */
    record DTypeCheck(io.seqlearn.tensor.DType dtype) {
        void check(String op, Tensor x) {
            if (x.dtype() != dtype) {
                throw new IllegalArgumentException(op + ": input is " + x.dtype() + " but the cell's parameters are " + dtype);
            }
        }
    }
}
