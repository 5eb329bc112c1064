package io.seqlearn.layers;

import io.seqlearn.nn.rnn.RNN;
import io.seqlearn.nn.rnn.RNNOutput;
import io.seqlearn.nn.rnn.RecurrentLayer;
import io.seqlearn.nn.rnn.RecurrentOutput;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keras-style Elman RNN, as {@code keras.layers.SimpleRNN(units, activation)}: h_t = act(W_ih x_t + b_ih +
 * W_hh h_{t−1} + b_hh) with act "tanh" (default) or "relu", computed by {@link RNN} (PyTorch names
 * {@code weight_ih_l0} (H, I), {@code weight_hh_l0} (H, H)). x (B, T, I) → (B, T, H) or (B, H), plus h (B, H)
 * with {@code returnState}.
 */
public class SimpleRNN extends Recurrent {
    private final RNN.Nonlinearity activation;

    public SimpleRNN(int units, String activation, boolean returnSequences, boolean returnState, double recurrentDropout) {
        super(units, returnSequences, returnState, recurrentDropout);
        try {
            this.activation = RNN.Nonlinearity.valueOf(activation.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simple_rnn: activation must be tanh or relu, got '" + activation + "'");
        }
    }

    public SimpleRNN(int units, boolean returnSequences, boolean returnState) {
        this(units, "tanh", returnSequences, returnState, 0);
    }

    public SimpleRNN(int units) { this(units, "tanh", false, false, 0); }

    @Override
    protected RecurrentLayer makeModule(int inputSize, boolean bidirectional, Rng rng) {
        return new RNN(inputSize, units, RNN.Options.defaults().withNonlinearity(activation)
                .withBidirectional(bidirectional).withRecurrentDropout(recurrentDropout).withDtype(dtype()), rng);
    }

    @Override
    protected RecurrentOutput runModule(RecurrentLayer m, Tensor x, Tensor lengths, Tensor h0, Tensor c0) {
        return ((RNN) m).forward(x, lengths, h0);
    }

    @Override
    protected List<Tensor> states(RecurrentOutput out) { return List.of(((RNNOutput) out).h()); }

    @Override
    protected int stateCount() { return 1; }

    @Override
    protected int gates() { return 1; }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = baseConfig();
        c.put("activation", activation.name().toLowerCase(Locale.ROOT));
        return c;
    }

    static SimpleRNN fromConfig(LayerConfig c) {
        return new SimpleRNN(c.intValue("units", 1), c.stringValue("activation", "tanh"), c.boolValue("return_sequences", false),
                c.boolValue("return_state", false), c.doubleValue("recurrent_dropout", 0));
    }
}
