package io.seqlearn.nn.rnn;

import io.seqlearn.ops.F;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.List;

/**
 * One LSTM step, as {@code torch.nn.LSTMCell}: gates = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh split into i, f, g, o;
 * c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g); h' = σ(o) ⊙ tanh(c'). x (B, I), h and c (B, H).
 *
 * <pre>{@code
 * LSTMCell cell = new LSTMCell(16, 32, true, DType.F32, new Rng(0));
 * LSTMState s = null;
 * for (Tensor xt : steps) s = cell.forward(xt, s);
 * }</pre>
 */
public class LSTMCell extends RecurrentCell {

    public LSTMCell(int inputSize, int hiddenSize, boolean bias, DType dtype, Rng rng) {
        super(4, inputSize, hiddenSize, bias, dtype, rng);
    }

    public LSTMCell(int inputSize, int hiddenSize, Rng rng) { this(inputSize, hiddenSize, true, DType.F32, rng); }

    /** One step; {@code state} null means zeros. Returns the new (h, c). */
    public LSTMState forward(Tensor x, LSTMState state) {
        int b = CellParams.check("lstm_cell", x, inputSize, dtype);
        Tensor h = state == null ? zeroState(b) : state.h();
        Tensor c = state == null ? zeroState(b) : state.c();
        CellParams.checkState("lstm_cell", "h", h, b, hiddenSize);
        CellParams.checkState("lstm_cell", "c", c, b, hiddenSize);
        Tensor gates = CellParams.project(x, weightIh, biasIh).add(CellParams.project(h, weightHh, biasHh));
        List<Tensor> g = F.chunk(gates, 4, 1);
        Tensor i = g.get(0).sigmoid(), f = g.get(1).sigmoid(), cand = g.get(2).tanh(), o = g.get(3).sigmoid();
        Tensor cNext = f.mul(c).add(i.mul(cand));
        return new LSTMState(o.mul(cNext.tanh()), cNext);
    }
}
