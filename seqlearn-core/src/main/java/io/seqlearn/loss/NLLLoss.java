package io.seqlearn.loss;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.Tensor;

/**
 * Negative log-likelihood of log-probabilities against class indices, as {@code torch.nn.NLLLoss}:
 * {@code loss_i = −input[i, y_i]}. Shapes and the class-axis convention are those of
 * {@link CrossEntropyLoss} ((N, C) with (N), (N, C, d…) with (N, d…), or channels-last (…, C) with (…));
 * targets equal to {@code ignoreIndex} (default −100) contribute 0 and are left out of the mean's
 * denominator. Gradient: −1 (scaled) at each target position, 0 elsewhere. Feed it {@code logSoftmax}
 * output; {@link CrossEntropyLoss} does both in one fused step.
 */
public final class NLLLoss implements Loss {
    private static final String OP = "nll_loss";
    private final Reduction reduction;
    private final int ignoreIndex;
    private final boolean channelsLast;

    public NLLLoss() { this(Reduction.MEAN, -100, false); }

    /**
     * @param reduction    MEAN (default), SUM or NONE
     * @param ignoreIndex  target value that contributes nothing (default −100)
     * @param channelsLast class axis last (Keras) instead of axis 1 (PyTorch)
     */
    public NLLLoss(Reduction reduction, int ignoreIndex, boolean channelsLast) {
        if (reduction == null) throw new IllegalArgumentException(OP + ": reduction must not be null");
        this.reduction = reduction;
        this.ignoreIndex = ignoreIndex;
        this.channelsLast = channelsLast;
    }

    @Override
    public Tensor apply(Tensor logProbs, Tensor target) {
        ClassLayout layout = ClassLayout.of(OP, logProbs.shapeRef(), target.shapeRef(), channelsLast);
        int[] y = layout.targets(OP, target, ignoreIndex);
        Tensor rows = layout.asRows(logProbs, channelsLast);
        Tensor out = rowsLoss(rows, y);
        return reduction == Reduction.NONE ? out.reshape(target.shape()) : out;
    }

    private Tensor rowsLoss(Tensor rows, int[] y) {
        Tensor x = rows.contiguousNoGrad();
        int classes = x.size(1);
        Tensor perRow = x.newZeros(y.length);
        int count = 0;
        double total = 0;
        for (int r = 0; r < y.length; r++) {
            if (y[r] == ClassLayout.IGNORED) continue;
            double v = -x.at(x.offset() + r * classes + y[r]);
            perRow.put(r, v);
            total += v;
            count++;
        }
        Tensor out = switch (reduction) {
            case MEAN -> x.newScalar(total / count);
            case SUM -> x.newScalar(total);
            case NONE -> perRow;
        };
        double scale = reduction == Reduction.MEAN ? 1.0 / count : 1.0;
        return Node.record(out, OP, g -> new Tensor[]{backward(x, y, g, scale)}, rows);
    }

    /** grad[r, y_r] = −scale · g_r; everything else 0. */
    private Tensor backward(Tensor x, int[] y, Tensor g, double scale) {
        Tensor gc = g.contiguousNoGrad();
        boolean perRow = reduction == Reduction.NONE;
        Tensor gx = x.newZeros(x.shapeRef());
        int classes = x.size(1);
        for (int r = 0; r < y.length; r++) {
            if (y[r] == ClassLayout.IGNORED) continue;
            gx.put(r * classes + y[r], -scale * gc.at(gc.offset() + (perRow ? r : 0)));
        }
        return gx;
    }

    @Override
    public String name() { return "NLLLoss"; }
}
