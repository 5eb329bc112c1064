package io.seqlearn.layers;

import io.seqlearn.nn.rnn.GRUOutput;
import io.seqlearn.nn.rnn.RecurrentLayer;
import io.seqlearn.nn.rnn.RecurrentOutput;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Keras-style GRU, as {@code keras.layers.GRU(units, return_sequences, return_state, recurrent_dropout)}
 * with {@code reset_after=True} (Keras' default, which is PyTorch's formulation), computed by
 * {@link io.seqlearn.nn.rnn.GRU} (gates r, z, n; parameters {@code weight_ih_l0} (3H, I), {@code weight_hh_l0}
 * (3H, H), biases (3H)). x (B, T, I) → (B, T, H) or (B, H), plus h (B, H) with {@code returnState}.
 */
public class GRU extends Recurrent {

    public GRU(int units, boolean returnSequences, boolean returnState, double recurrentDropout) {
        super(units, returnSequences, returnState, recurrentDropout);
    }

    public GRU(int units, boolean returnSequences, boolean returnState) { this(units, returnSequences, returnState, 0); }

    public GRU(int units) { this(units, false, false, 0); }

    @Override
    protected RecurrentLayer makeModule(int inputSize, boolean bidirectional, Rng rng) {
        return new io.seqlearn.nn.rnn.GRU(inputSize, units, io.seqlearn.nn.rnn.GRU.Options.defaults()
                .withBidirectional(bidirectional).withRecurrentDropout(recurrentDropout).withDtype(dtype()), rng);
    }

    @Override
    protected RecurrentOutput runModule(RecurrentLayer m, Tensor x, Tensor lengths, Tensor h0, Tensor c0) {
        return ((io.seqlearn.nn.rnn.GRU) m).forward(x, lengths, h0);
    }

    @Override
    protected List<Tensor> states(RecurrentOutput out) { return List.of(((GRUOutput) out).h()); }

    @Override
    protected int stateCount() { return 1; }

    @Override
    protected int gates() { return 3; }

    @Override
    public Map<String, Object> config() { return baseConfig(); }

    static GRU fromConfig(LayerConfig c) {
        return new GRU(c.intValue("units", 1), c.boolValue("return_sequences", false), c.boolValue("return_state", false),
                c.doubleValue("recurrent_dropout", 0));
    }
}
