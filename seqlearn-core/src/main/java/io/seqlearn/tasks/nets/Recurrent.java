package io.seqlearn.tasks.nets;

import io.seqlearn.nn.Module;
import io.seqlearn.nn.rnn.GRU;
import io.seqlearn.nn.rnn.LSTM;
import io.seqlearn.nn.rnn.LSTMOutput;
import io.seqlearn.nn.rnn.LSTMState;
import io.seqlearn.nn.rnn.RNN;
import io.seqlearn.nn.rnn.RecurrentLayer;
import io.seqlearn.nn.rnn.RecurrentOutput;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.Locale;

/**
 * One of {@link LSTM}, {@link GRU} or (tanh) {@link RNN} behind a single interface, so that every recipe
 * can switch cells with one option. The layer is registered under the cell's name ({@code lstm.weight_ih_l0},
 * {@code gru.…}, {@code rnn.…}). Batch-first: x (B, T, I) → output (B, T, D·H), state h (L·D, B, H) and, for
 * an LSTM, c (L·D, B, H).
 */
public final class Recurrent extends Module {
    /** The recurrent cell. */
    public enum Cell {
        LSTM, GRU, RNN;

        /** Parses "lstm", "gru" or "rnn" (any case). */
        public static Cell parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown cell '" + s + "'; expected lstm, gru or rnn");
            }
        }
    }

    /** The recurrent state: h (L·D, B, H) and, for an LSTM, c (L·D, B, H); null means zeros. */
    public record State(Tensor h, Tensor c) {
        /** The same values cut from the autograd graph (truncated backpropagation through time). */
        public State detach() { return new State(h.detach(), c == null ? null : c.detach()); }

        /** The state whose batch row i is row {@code rows[i]} of this one (beam search, sampling). */
        public State select(Tensor rows) {
            return new State(h.indexSelect(1, rows), c == null ? null : c.indexSelect(1, rows));
        }
    }

    /** Output sequence (B, T, D·H) and final state. */
    public record Output(Tensor output, State state) {}

    private final Cell cell;
    private final RecurrentLayer layer;

    /**
     * @param dropout       dropout between stacked layers in training (PyTorch's {@code dropout})
     * @param bidirectional run a second, reversed direction and concatenate outputs
     */
    public Recurrent(Cell cell, int inputSize, int hiddenSize, int layers, double dropout, boolean bidirectional, Rng rng) {
        this.cell = cell;
        this.layer = switch (cell) {
            case LSTM -> new LSTM(inputSize, hiddenSize, LSTM.Options.defaults().withNumLayers(layers)
                    .withDropout(dropout).withBidirectional(bidirectional).withDtype(DType.F32), rng);
            case GRU -> new GRU(inputSize, hiddenSize, GRU.Options.defaults().withNumLayers(layers)
                    .withDropout(dropout).withBidirectional(bidirectional), rng);
            case RNN -> new RNN(inputSize, hiddenSize, RNN.Options.defaults().withNumLayers(layers)
                    .withDropout(dropout).withBidirectional(bidirectional), rng);
        };
        registerModule(cell.name().toLowerCase(Locale.ROOT), layer);
    }

    /** Runs the stack over x (B, T, I); {@code lengths} (B,) or null; {@code init} or null for zeros. */
    public Output forward(Tensor x, Tensor lengths, State init) {
        return switch (cell) {
            case LSTM -> {
                LSTMState s = init == null ? null : new LSTMState(init.h(), init.c());
                LSTMOutput o = ((LSTM) layer).forward(x, lengths, s);
                yield new Output(o.output(), new State(o.h(), o.c()));
            }
            case GRU -> wrap(((GRU) layer).forward(x, lengths, init == null ? null : init.h()));
            case RNN -> wrap(((RNN) layer).forward(x, lengths, init == null ? null : init.h()));
        };
    }

    private static Output wrap(RecurrentOutput o) { return new Output(o.output(), new State(o.h(), null)); }

    /** The top layer's final hidden state per sequence, directions concatenated: (B, D·H). */
    public Tensor last(Output out) {
        final State s = out.state();
        return layer.lastOutput(new RecurrentOutput() {
            @Override public Tensor output() { return out.output(); }
            @Override public Tensor h() { return s.h(); }
        });
    }

    public Cell cell() { return cell; }

    /** Width of each output step, D·H. */
    public int outputSize() { return layer.outputSize(); }

    public int hiddenSize() { return layer.hiddenSize(); }

    public int numLayers() { return layer.numLayers(); }

    public boolean bidirectional() { return layer.bidirectional(); }
}
