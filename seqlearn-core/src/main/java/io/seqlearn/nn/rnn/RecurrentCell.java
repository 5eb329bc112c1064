package io.seqlearn.nn.rnn;

import io.seqlearn.nn.Init;
import io.seqlearn.nn.Module;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * Base of the one-step cells: PyTorch parameters {@code weight_ih} (G·H, I), {@code weight_hh} (G·H, H),
 * {@code bias_ih}, {@code bias_hh} (G·H), all U(−1/√H, 1/√H). Cells are built from primitive tensor ops
 * (autograd records each), so they double as the unfused reference the fused layers are tested against.
 */
public abstract class RecurrentCell extends Module {
    final int inputSize;
    final int hiddenSize;
    final Tensor weightIh;
    final Tensor weightHh;
    final Tensor biasIh;
    final Tensor biasHh;
    final CellParams.DTypeCheck dtype;

    RecurrentCell(int gates, int inputSize, int hiddenSize, boolean bias, DType dtype, Rng rng) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": sizes must be positive, got input "
                    + inputSize + ", hidden " + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.dtype = new CellParams.DTypeCheck(dtype);
        this.weightIh = param("weight_ih", rng, dtype, gates * hiddenSize, inputSize);
        this.weightHh = param("weight_hh", rng, dtype, gates * hiddenSize, hiddenSize);
        this.biasIh = bias ? param("bias_ih", rng, dtype, gates * hiddenSize) : null;
        this.biasHh = bias ? param("bias_hh", rng, dtype, gates * hiddenSize) : null;
    }

    private Tensor param(String name, Rng rng, DType dtype, int... shape) {
        return registerParameter(name, Init.pytorchDefault(Tensors.zeros(dtype, shape), rng, hiddenSize));
    }

    /** Zeros (B, H) in the cell's dtype. */
    Tensor zeroState(int batch) { return Tensors.zeros(dtype.dtype(), batch, hiddenSize); }

    public int inputSize() { return inputSize; }

    public int hiddenSize() { return hiddenSize; }

    public Tensor weightIh() { return weightIh; }

    public Tensor weightHh() { return weightHh; }

    public Tensor biasIh() { return biasIh; }

    public Tensor biasHh() { return biasHh; }
}
