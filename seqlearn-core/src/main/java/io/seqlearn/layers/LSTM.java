package io.seqlearn.layers;

import io.seqlearn.nn.rnn.LSTMOutput;
import io.seqlearn.nn.rnn.LSTMState;
import io.seqlearn.nn.rnn.RecurrentLayer;
import io.seqlearn.nn.rnn.RecurrentOutput;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Keras-style LSTM, as {@code keras.layers.LSTM(units, return_sequences, return_state, recurrent_dropout)},
 * computed by {@link io.seqlearn.nn.rnn.LSTM} (gates i, f, g, o; PyTorch parameter names
 * {@code weight_ih_l0} (4H, I), {@code weight_hh_l0} (4H, H), {@code bias_ih_l0}, {@code bias_hh_l0};
 * init U(−1/√H, 1/√H) — PyTorch's, not Keras' Glorot/orthogonal). x (B, T, I) → (B, T, H) or (B, H),
 * plus h, c (B, H) with {@code returnState}. See {@link Recurrent} for lengths, masks and initial states.
 *
 * <pre>{@code new Sequential(new Embedding(1000, 32, true), new LSTM(64), new Dense(2))}</pre>
 */
public class LSTM extends Recurrent {

    public LSTM(int units, boolean returnSequences, boolean returnState, double recurrentDropout) {
        super(units, returnSequences, returnState, recurrentDropout);
    }

    public LSTM(int units, boolean returnSequences, boolean returnState) { this(units, returnSequences, returnState, 0); }

    /** Returns the last output (B, units), no states: Keras' defaults. */
    public LSTM(int units) { this(units, false, false, 0); }

    @Override
    protected RecurrentLayer makeModule(int inputSize, boolean bidirectional, Rng rng) {
        return new io.seqlearn.nn.rnn.LSTM(inputSize, units, io.seqlearn.nn.rnn.LSTM.Options.defaults()
                .withBidirectional(bidirectional).withRecurrentDropout(recurrentDropout).withDtype(dtype()), rng);
    }

    @Override
    protected RecurrentOutput runModule(RecurrentLayer m, Tensor x, Tensor lengths, Tensor h0, Tensor c0) {
        if ((h0 == null) != (c0 == null)) throw new IllegalArgumentException(label() + ": give initial_h and initial_c together");
        return ((io.seqlearn.nn.rnn.LSTM) m).forward(x, lengths, h0 == null ? null : new LSTMState(h0, c0));
    }

    @Override
    protected List<Tensor> states(RecurrentOutput out) {
        LSTMOutput o = (LSTMOutput) out;
        return List.of(o.h(), o.c());
    }

    @Override
    protected int stateCount() { return 2; }

    @Override
    protected int gates() { return 4; }

    @Override
    public Map<String, Object> config() { return baseConfig(); }

    static LSTM fromConfig(LayerConfig c) {
        return new LSTM(c.intValue("units", 1), c.boolValue("return_sequences", false), c.boolValue("return_state", false),
                c.doubleValue("recurrent_dropout", 0));
    }
}
