package io.seqlearn.loss;

import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * Keras-style categorical cross-entropy over the last axis: predictions (…, C) are probabilities (e.g. a
 * softmax output) or, with {@code fromLogits}, raw scores; targets are one-hot / class probabilities of
 * the same shape, or class indices of shape (…) (Keras' sparse form).
 *
 * <p>Formula: {@code loss = −Σ_c t_c log clip(p_c, ε, 1 − ε)} with ε = 1e-7 (Keras' epsilon, which keeps
 * log finite; the gradient is 0 where p is clipped), or {@code −Σ_c t_c log_softmax(x)_c} from logits.
 * Label smoothing s replaces t by {@code (1 − s) t + s / C}. Unlike Keras, probabilities are not
 * renormalised to sum to 1 (so the gradient is exactly {@code −t/p}, as PyTorch's {@code nll_loss(log p)}).
 * Reduction: MEAN over the (…) positions by default (Keras' sum_over_batch_size).
 */
public final class CategoricalCrossEntropy implements Loss {
    private static final String OP = "categorical_crossentropy";
    private final Options options;

    /**
     * @param fromLogits     predictions are raw scores (default false: probabilities)
     * @param labelSmoothing s in [0, 1] (default 0)
     * @param epsilon        clipping bound for probabilities (default 1e-7)
     * @param reduction      MEAN (default), SUM or NONE
     */
    public record Options(boolean fromLogits, double labelSmoothing, double epsilon, Reduction reduction) {
        public Options {
            if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
                throw new IllegalArgumentException(OP + ": label smoothing expected in [0, 1], got " + labelSmoothing);
            }
            if (!(epsilon >= 0 && epsilon < 0.5)) throw new IllegalArgumentException(OP + ": epsilon expected in [0, 0.5), got " + epsilon);
            if (reduction == null) throw new IllegalArgumentException(OP + ": reduction must not be null");
        }

        public static Options defaults() { return new Options(false, 0, 1e-7, Reduction.MEAN); }

        public Options withFromLogits(boolean f) { return new Options(f, labelSmoothing, epsilon, reduction); }

        public Options withLabelSmoothing(double s) { return new Options(fromLogits, s, epsilon, reduction); }

        public Options withEpsilon(double e) { return new Options(fromLogits, labelSmoothing, e, reduction); }

        public Options withReduction(Reduction r) { return new Options(fromLogits, labelSmoothing, epsilon, r); }
    }

    public CategoricalCrossEntropy() { this(Options.defaults()); }

    public CategoricalCrossEntropy(Options options) { this.options = options; }

    @Override
    public Tensor apply(Tensor prediction, Tensor target) {
        if (prediction.rank() == 0) throw new ShapeException(OP + ": prediction must have a class axis, got shape ()");
        int classes = prediction.size(-1);
        Tensor t = Shapes.same(prediction.shapeRef(), target.shapeRef()) ? checkedDtype(prediction, target)
                : oneHot(prediction, target, classes);
        double s = options.labelSmoothing();
        if (s > 0) t = t.mul(1 - s).add(s / classes);
        Tensor logP = options.fromLogits() ? prediction.logSoftmax(-1)
                : prediction.clamp(options.epsilon(), 1 - options.epsilon()).log();
        return options.reduction().apply(logP.mul(t).sum(-1, false).neg());
    }

    private static Tensor checkedDtype(Tensor prediction, Tensor target) {
        if (prediction.dtype() != target.dtype()) {
            throw new IllegalArgumentException(OP + ": target dtype expected " + prediction.dtype() + ", got " + target.dtype());
        }
        return target;
    }

    /** Index targets (…) to one-hot (…, C), checking shape and range. */
    private static Tensor oneHot(Tensor prediction, Tensor target, int classes) {
        ClassLayout layout = ClassLayout.of(OP, prediction.shapeRef(), target.shapeRef(), true);
        int[] y = layout.targets(OP, target, Integer.MIN_VALUE);
        Tensor t = prediction.newZeros(prediction.shapeRef());
        for (int r = 0; r < y.length; r++) t.put(r * classes + y[r], 1);
        return t;
    }

    @Override
    public String name() { return "CategoricalCrossEntropy"; }
}
