package io.seqlearn.nn;

import io.seqlearn.ops.F;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * y = x·Wᵀ + b, as {@code torch.nn.Linear}: weight (out, in), bias (out), both U(−1/√in, 1/√in).
 * Input (…, in) → output (…, out). Example: {@code new Linear(128, 10, true, new Rng(0)).forward(x)}.
 */
public class Linear extends Module {
    private final int in;
    private final int out;
    private final Tensor weight;
    private final Tensor bias;

    public Linear(int in, int out, boolean bias, DType dtype, Rng rng) {
        this.in = in;
        this.out = out;
        this.weight = registerParameter("weight", Init.pytorchDefault(Tensors.zeros(dtype, out, in), rng, in));
        this.bias = bias ? registerParameter("bias", Init.pytorchDefault(Tensors.zeros(dtype, out), rng, in)) : null;
    }

    public Linear(int in, int out, boolean bias, Rng rng) { this(in, out, bias, DType.F32, rng); }

    public Linear(int in, int out, Rng rng) { this(in, out, true, DType.F32, rng); }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() == 0 || x.size(-1) != in) {
            Shapes.check("linear", "input", x.shapeRef(), lastDim(x.rank(), in));
        }
        return F.linear(x, weight, bias);
    }

    private static int[] lastDim(int rank, int in) {
        int[] e = new int[Math.max(rank, 1)];
        java.util.Arrays.fill(e, -1);
        e[e.length - 1] = in;
        return e;
    }

    public Tensor weight() { return weight; }

    public Tensor bias() { return bias; }

    public int inFeatures() { return in; }

    public int outFeatures() { return out; }
}
