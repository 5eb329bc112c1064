package io.seqlearn.loss;

import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * Cross-entropy of raw scores (logits) against class indices, as {@code torch.nn.CrossEntropyLoss}:
 * log-softmax and negative log-likelihood in one fused, numerically stable node.
 *
 * <p><b>Shapes.</b> By default the class axis is axis 1, as in PyTorch: logits (N, C) with target (N),
 * or (N, C, d1, …) with target (N, d1, …), or unbatched (C) with target (). With
 * {@link Options#withChannelsLast(boolean) channelsLast} the class axis is the last one, as in Keras:
 * logits (B, T, V) with target (B, T) — the natural layout of a language model's output. Targets hold
 * integer class values in a float tensor. A target of the same shape as the logits is read as class
 * probabilities (PyTorch's soft-target form): {@code loss = −Σ_c t_c log softmax(x)_c}.
 *
 * <p><b>Formula.</b> {@code loss_i = (1 − ε)(−log p_{i,y_i}) + (ε / C) Σ_c (−log p_{i,c})}, with ε the label
 * smoothing (default 0). Targets equal to {@code ignoreIndex} (default −100) contribute 0 and are left out
 * of the mean's denominator, exactly as PyTorch; a mean over no contributing targets is NaN.
 *
 * <p>Example: {@code new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true)
 * .withIgnoreIndex(0)).apply(logits, targets)}.
 */
public final class CrossEntropyLoss implements Loss {
    private static final String OP = "cross_entropy";
    private final Options options;

    /**
     * @param reduction      MEAN (default), SUM or NONE
     * @param ignoreIndex    target value that contributes nothing (default −100)
     * @param labelSmoothing ε in [0, 1] (default 0)
     * @param channelsLast   class axis last (Keras, (B, T, C)) instead of axis 1 (PyTorch); default false
     */
    public record Options(Reduction reduction, int ignoreIndex, double labelSmoothing, boolean channelsLast) {
        public Options {
            if (reduction == null) throw new IllegalArgumentException(OP + ": reduction must not be null");
            if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
                throw new IllegalArgumentException(OP + ": label smoothing expected in [0, 1], got " + labelSmoothing);
            }
        }

        public static Options defaults() { return new Options(Reduction.MEAN, -100, 0.0, false); }

        public Options withReduction(Reduction r) { return new Options(r, ignoreIndex, labelSmoothing, channelsLast); }

        public Options withIgnoreIndex(int i) { return new Options(reduction, i, labelSmoothing, channelsLast); }

        public Options withLabelSmoothing(double e) { return new Options(reduction, ignoreIndex, e, channelsLast); }

        public Options withChannelsLast(boolean c) { return new Options(reduction, ignoreIndex, labelSmoothing, c); }
    }

    public CrossEntropyLoss() { this(Options.defaults()); }

    public CrossEntropyLoss(Options options) { this.options = options; }

    public Options options() { return options; }

    @Override
    public Tensor apply(Tensor logits, Tensor target) {
        if (Shapes.same(logits.shapeRef(), target.shapeRef())) return soft(logits, target);
        ClassLayout layout = ClassLayout.of(OP, logits.shapeRef(), target.shapeRef(), options.channelsLast());
        int[] y = layout.targets(OP, target, options.ignoreIndex());
        Tensor rows = layout.asRows(logits, options.channelsLast());
        Tensor out = FusedCrossEntropy.apply(rows, y, options.labelSmoothing(), options.reduction());
        return options.reduction() == Reduction.NONE ? out.reshape(target.shape()) : out;
    }

    /** Probability targets: −Σ_c t'_c log p_c with t' = (1 − ε) t + ε / C; the mean is over all rows. */
    private Tensor soft(Tensor logits, Tensor target) {
        if (logits.dtype() != target.dtype()) {
            throw new IllegalArgumentException(OP + ": probability target dtype " + target.dtype()
                    + " differs from input " + logits.dtype());
        }
        int ax = options.channelsLast() || logits.rank() == 1 ? logits.rank() - 1 : 1;
        double eps = options.labelSmoothing();
        int classes = logits.size(ax);
        Tensor t = eps == 0 ? target : target.mul(1 - eps).add(eps / classes);
        return options.reduction().apply(logits.logSoftmax(ax).mul(t).sum(ax, false).neg());
    }

    @Override
    public String name() { return "CrossEntropyLoss"; }
}
