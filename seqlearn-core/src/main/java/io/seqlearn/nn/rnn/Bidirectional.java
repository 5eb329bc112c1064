package io.seqlearn.nn.rnn;

import io.seqlearn.nn.Module;
import io.seqlearn.tensor.Tensor;

/**
 * Keras' {@code Bidirectional} wrapper: runs one unidirectional recurrent layer forward in time and another
 * over each sequence reversed within its own length, re-aligns the second output in time, and merges them
 * ({@link MergeMode}: concat, sum, mul, average). Output (B, T, 2·Hr) for concat, else (B, T, Hr). With
 * {@code returnSequences(false)} on the wrapped layers, {@link #forward(Tensor)} merges their last outputs
 * (the backward layer's is its state after reading back to t = 0), as Keras does.
 *
 * <p>Equivalent to the layers' own {@code bidirectional} flag with concat (a test checks it), but lets the
 * two directions be different layer types or sizes. Parameters are named {@code forward.*} and
 * {@code backward.*}.
 *
 * <pre>{@code
 * Bidirectional bi = new Bidirectional(new GRU(16, 32), new GRU(16, 32), MergeMode.SUM);
 * Tensor y = bi.forward(x, lengths).output();     // (B, T, 32)
 * }</pre>
 */
public class Bidirectional extends Module {
    private final RecurrentLayer forwardLayer;
    private final RecurrentLayer backwardLayer;
    private final MergeMode mode;

    public Bidirectional(RecurrentLayer forward, RecurrentLayer backward, MergeMode mode) {
        if (forward.bidirectional() || backward.bidirectional()) {
            throw new IllegalArgumentException("bidirectional: wrapped layers must be unidirectional");
        }
        if (forward.batchFirst() != backward.batchFirst()) {
            throw new IllegalArgumentException("bidirectional: both layers need the same batchFirst");
        }
        if (mode != MergeMode.CONCAT && forward.outputSize() != backward.outputSize()) {
            throw new IllegalArgumentException("bidirectional: " + mode + " needs equal output sizes, got "
                    + forward.outputSize() + " and " + backward.outputSize());
        }
        this.forwardLayer = registerModule("forward", forward);
        this.backwardLayer = registerModule("backward", backward);
        this.mode = mode;
    }

    /** Concat merge. */
    public Bidirectional(RecurrentLayer forward, RecurrentLayer backward) { this(forward, backward, MergeMode.CONCAT); }

    /** Both directions over a padded batch; {@code lengths} (B,) or null. */
    public BidirectionalOutput forward(Tensor x, Tensor lengths) {
        boolean bf = forwardLayer.batchFirst();
        int[] lens = null;
        if (lengths != null && x.rank() == 3) {
            lens = RecurrentChecks.lengths("bidirectional", lengths, x.size(bf ? 0 : 1), x.size(bf ? 1 : 0));
        }
        RecurrentOutput f = forwardLayer.forward(x, lengths);
        RecurrentOutput b = backwardLayer.forward(SequenceReverse.apply(x, lens, bf), lengths);
        Tensor aligned = SequenceReverse.apply(b.output(), lens, bf);
        return new BidirectionalOutput(mode.merge(f.output(), aligned), f, b);
    }

    @Override
    public Tensor forward(Tensor x) {
        BidirectionalOutput o = forward(x, null);
        if (forwardLayer.returnSequences()) return o.output();
        return mode.merge(forwardLayer.lastOutput(o.forward()), backwardLayer.lastOutput(o.backward()));
    }

    public MergeMode mergeMode() { return mode; }

    public RecurrentLayer forwardLayer() { return forwardLayer; }

    public RecurrentLayer backwardLayer() { return backwardLayer; }
}
