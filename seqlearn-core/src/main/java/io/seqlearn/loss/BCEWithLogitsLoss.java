package io.seqlearn.loss;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * Binary cross-entropy on logits, as {@code torch.nn.BCEWithLogitsLoss}, in the numerically stable form
 * (never computes log σ(x) directly):
 * <pre>
 *   ℓ = (1 − y) x + w_y · softplus(−x),   softplus(−x) = log(1 + exp(−|x|)) + max(−x, 0),
 *   w_y = 1 + (pos_weight − 1) y
 * </pre>
 * which equals {@code −[pos_weight · y log σ(x) + (1 − y) log(1 − σ(x))]}. Targets are probabilities in
 * [0, 1] of the input's shape; {@code posWeight}, if given, has shape (C) and is broadcast over the last
 * axis (one weight per class). Gradients: ∂ℓ/∂x = (1 − y) − w_y σ(−x), ∂ℓ/∂y = −x + (pos_weight − 1)
 * softplus(−x). Reduction MEAN by default.
 */
public final class BCEWithLogitsLoss implements Loss {
    private static final String OP = "binary_cross_entropy_with_logits";
    private final Reduction reduction;
    private final double[] posWeight;

    public BCEWithLogitsLoss() { this(Reduction.MEAN, null); }

    /** @param posWeight (C) weights of positive examples per class (last axis), or null for 1 */
    public BCEWithLogitsLoss(Reduction reduction, Tensor posWeight) {
        if (reduction == null) throw new IllegalArgumentException(OP + ": reduction must not be null");
        if (posWeight != null && posWeight.rank() != 1) {
            throw new ShapeException(OP + ": pos_weight expected (C), got " + Shapes.str(posWeight.shapeRef()));
        }
        this.reduction = reduction;
        this.posWeight = posWeight == null ? null : posWeight.toDoubleArray();
    }

    @Override
    public Tensor apply(Tensor logits, Tensor target) {
        Pointwise.checkSame(OP, logits, target);
        int classes = logits.rank() == 0 ? 1 : logits.size(-1);
        if (posWeight != null && posWeight.length != classes && posWeight.length != 1) {
            throw new ShapeException(OP + ": pos_weight expected (" + classes + ",) to match the last axis of "
                    + Shapes.str(logits.shapeRef()) + ", got (" + posWeight.length + ",)");
        }
        Tensor x = logits.contiguousNoGrad(), y = target.contiguousNoGrad();
        int n = x.numel();
        Tensor out = x.newZeros(x.shapeRef());
        for (int i = 0; i < n; i++) {
            double xi = x.at(x.offset() + i), yi = y.at(y.offset() + i);
            out.put(i, (1 - yi) * xi + (1 + (pw(i, classes) - 1) * yi) * softplusNeg(xi));
        }
        Tensor perElement = Node.record(out, OP, g -> backward(x, y, g, classes), logits, target);
        return reduction.apply(perElement);
    }

    private double pw(int i, int classes) {
        return posWeight == null ? 1 : posWeight[posWeight.length == 1 ? 0 : i % classes];
    }

    /** softplus(−x) = log(1 + e^{−x}), stable for both signs. */
    private static double softplusNeg(double x) { return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(-x, 0); }

    /** σ(−x), stable for both signs. */
    private static double sigmoidNeg(double x) {
        return x >= 0 ? Math.exp(-x) / (1 + Math.exp(-x)) : 1 / (1 + Math.exp(x));
    }

    private Tensor[] backward(Tensor x, Tensor y, Tensor g, int classes) {
        Tensor gc = g.contiguousNoGrad();
        Tensor gx = x.newZeros(x.shapeRef()), gy = x.newZeros(x.shapeRef());
        for (int i = 0, n = x.numel(); i < n; i++) {
            double xi = x.at(x.offset() + i), yi = y.at(y.offset() + i), gi = gc.at(gc.offset() + i);
            double p = pw(i, classes);
            gx.put(i, gi * ((1 - yi) - (1 + (p - 1) * yi) * sigmoidNeg(xi)));
            gy.put(i, gi * (-xi + (p - 1) * softplusNeg(xi)));
        }
        return new Tensor[]{gx, gy};
    }

    @Override
    public String name() { return "BCEWithLogitsLoss"; }
}
