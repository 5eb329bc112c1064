package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Builders and comparisons shared by the recurrent tests. */
final class RnnTestSupport {
    private RnnTestSupport() {}

    enum Kind { RNN_TANH, RNN_RELU, LSTM, GRU }

    /** A layer of the given kind; projSize only for LSTM. */
    static RecurrentLayer layer(Kind kind, int in, int hidden, int layers, boolean bi, int proj, DType dtype, long seed) {
        return switch (kind) {
            case LSTM -> new LSTM(in, hidden, LSTM.Options.defaults().withNumLayers(layers).withBidirectional(bi)
                    .withProjSize(proj).withDtype(dtype).withSeed(seed));
            case GRU -> new GRU(in, hidden, GRU.Options.defaults().withNumLayers(layers).withBidirectional(bi)
                    .withDtype(dtype).withSeed(seed));
            case RNN_TANH, RNN_RELU -> new RNN(in, hidden, RNN.Options.defaults().withNumLayers(layers)
                    .withBidirectional(bi).withDtype(dtype).withSeed(seed).withNonlinearity(
                            kind == Kind.RNN_RELU ? RNN.Nonlinearity.RELU : RNN.Nonlinearity.TANH));
        };
    }

    /** Fused forward through the typed API; returns {output, h, c (or null)}. */
    static Tensor[] fused(RecurrentLayer layer, Tensor x, Tensor lengths, Tensor h0, Tensor c0) {
        if (layer instanceof LSTM lstm) {
            LSTMOutput o = lstm.forward(x, lengths, h0 == null ? null : new LSTMState(h0, c0));
            return new Tensor[]{o.output(), o.h(), o.c()};
        }
        if (layer instanceof GRU gru) {
            GRUOutput o = gru.forward(x, lengths, h0);
            return new Tensor[]{o.output(), o.h(), null};
        }
        RNNOutput o = ((RNN) layer).forward(x, lengths, h0);
        return new Tensor[]{o.output(), o.h(), null};
    }

    static Tensor lengthsTensor(int... lens) { return Tensors.indices(DType.F32, lens); }

    /** A loss mixing all outputs with fixed random weights, so every gradient path is exercised. */
    static Tensor mixLoss(Tensor[] outs, long seed) {
        Rng r = new Rng(seed);
        Tensor loss = null;
        for (Tensor o : outs) {
            if (o == null) continue;
            Tensor w = Tensors.uniform(o.dtype(), r, -1, 1, o.shape());
            Tensor term = o.mul(w).sum();
            loss = loss == null ? term : loss.add(term);
        }
        return loss;
    }

    /** Copies of the gradients of the given tensors (null grads become zeros), then clears them. */
    static List<double[]> takeGrads(List<Tensor> ts) {
        List<double[]> out = new ArrayList<>();
        for (Tensor t : ts) {
            out.add(t.grad() == null ? new double[t.numel()] : t.grad().toDoubleArray());
            t.setGrad(null);
        }
        return out;
    }

    /** |a − b| ≤ tol·max(1, |b|) element-wise, with a message naming what differs. */
    static void assertClose(String what, double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            if (!(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)))) {
                throw new AssertionError(what + "[" + i + "]: expected " + e + ", got " + a + " (tol " + tol + ")");
            }
        }
    }

    static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
        assertNotNull(actual, what);
        assertClose(what, expected.toDoubleArray(), actual.toDoubleArray(), tol);
    }
}
