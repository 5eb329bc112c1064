package io.seqlearn.loss;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

import java.util.function.DoubleUnaryOperator;

/**
 * Element-wise regression losses of the difference d = prediction − target, as one node: the loss
 * ℓ(d) and its derivative ℓ'(d) are given, so d/dprediction = g·ℓ'(d) and d/dtarget = −g·ℓ'(d).
 */
final class Pointwise {
    private Pointwise() {}

    /** Checks that prediction and target agree in shape and dtype, naming {@code op} in the error. */
    static void checkSame(String op, Tensor prediction, Tensor target) {
        if (!Shapes.same(prediction.shapeRef(), target.shapeRef())) {
            throw new ShapeException(op + ": target expected " + Shapes.str(prediction.shapeRef())
                    + " (the prediction's shape), got " + Shapes.str(target.shapeRef()));
        }
        if (prediction.dtype() != target.dtype()) {
            throw new IllegalArgumentException(op + ": target dtype expected " + prediction.dtype() + ", got "
                    + target.dtype());
        }
    }

    /** Per-element ℓ(prediction − target), differentiable in both. */
    static Tensor apply(String op, Tensor prediction, Tensor target, DoubleUnaryOperator loss,
                        DoubleUnaryOperator derivative) {
        checkSame(op, prediction, target);
        Tensor p = prediction.contiguousNoGrad(), t = target.contiguousNoGrad();
        int n = p.numel();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = p.at(p.offset() + i) - t.at(t.offset() + i);
        Tensor out = p.newZeros(p.shapeRef());
        for (int i = 0; i < n; i++) out.put(i, loss.applyAsDouble(d[i]));
        return Node.record(out, op, g -> {
            Tensor gc = g.contiguousNoGrad();
            Tensor gp = p.newZeros(p.shapeRef());
            for (int i = 0; i < n; i++) gp.put(i, gc.at(gc.offset() + i) * derivative.applyAsDouble(d[i]));
            return new Tensor[]{gp, gp.neg()};
        }, prediction, target);
    }
}
