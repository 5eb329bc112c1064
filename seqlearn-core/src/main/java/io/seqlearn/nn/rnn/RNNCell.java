package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

/**
 * One Elman step, as {@code torch.nn.RNNCell}: h' = act(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh), act = tanh or relu.
 * x (B, I), h (B, H).
 */
public class RNNCell extends RecurrentCell {
    private final RNN.Nonlinearity nonlinearity;

    public RNNCell(int inputSize, int hiddenSize, RNN.Nonlinearity nonlinearity, boolean bias, DType dtype, Rng rng) {
        super(1, inputSize, hiddenSize, bias, dtype, rng);
        this.nonlinearity = nonlinearity;
    }

    public RNNCell(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, RNN.Nonlinearity.TANH, true, DType.F32, rng);
    }

    /** One step; {@code h} null means zeros. Returns h'. */
    public Tensor forward(Tensor x, Tensor h) {
        int b = CellParams.check("rnn_cell", x, inputSize, dtype);
        Tensor hp = h == null ? zeroState(b) : h;
        CellParams.checkState("rnn_cell", "h", hp, b, hiddenSize);
        Tensor a = CellParams.project(x, weightIh, biasIh).add(CellParams.project(hp, weightHh, biasHh));
        return nonlinearity == RNN.Nonlinearity.RELU ? a.relu() : a.tanh();
    }

    /** Single-tensor form with zero state. */
    @Override
    public Tensor forward(Tensor x) { return forward(x, null); }
}
