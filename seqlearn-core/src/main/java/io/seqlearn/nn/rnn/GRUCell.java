package io.seqlearn.nn.rnn;

import io.seqlearn.ops.F;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.List;

/**
 * One GRU step, as {@code torch.nn.GRUCell} (reset after the recurrent matmul):
 * r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r ⊙ h_n), h' = (1 − z) ⊙ n + z ⊙ h, where
 * x_· = x·W_i·ᵀ + b_i· and h_· = h·W_h·ᵀ + b_h·. x (B, I), h (B, H).
 */
public class GRUCell extends RecurrentCell {

    public GRUCell(int inputSize, int hiddenSize, boolean bias, DType dtype, Rng rng) {
        super(3, inputSize, hiddenSize, bias, dtype, rng);
    }

    public GRUCell(int inputSize, int hiddenSize, Rng rng) { this(inputSize, hiddenSize, true, DType.F32, rng); }

    /** One step; {@code h} null means zeros. Returns h'. */
    public Tensor forward(Tensor x, Tensor h) {
        int b = CellParams.check("gru_cell", x, inputSize, dtype);
        Tensor hp = h == null ? zeroState(b) : h;
        CellParams.checkState("gru_cell", "h", hp, b, hiddenSize);
        List<Tensor> gi = F.chunk(CellParams.project(x, weightIh, biasIh), 3, 1);
        List<Tensor> gh = F.chunk(CellParams.project(hp, weightHh, biasHh), 3, 1);
        Tensor r = gi.get(0).add(gh.get(0)).sigmoid();
        Tensor z = gi.get(1).add(gh.get(1)).sigmoid();
        Tensor n = gi.get(2).add(r.mul(gh.get(2))).tanh();
        return hp.sub(n).mul(z).add(n);
    }

    /** Single-tensor form with zero state. */
    @Override
    public Tensor forward(Tensor x) { return forward(x, null); }
}
