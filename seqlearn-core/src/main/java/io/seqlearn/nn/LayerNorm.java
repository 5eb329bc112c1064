package io.seqlearn.nn;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * y = (x − mean) / √(var + eps) · γ + β over the last dim (biased variance), as {@code torch.nn.LayerNorm}
 * with a 1-D normalized_shape. γ = 1, β = 0 initially; eps 1e-5.
 */
public class LayerNorm extends Module {
    private final int dim;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    public LayerNorm(int dim, double eps, DType dtype) {
        this.dim = dim;
        this.eps = eps;
        this.weight = registerParameter("weight", Tensors.ones(dtype, dim));
        this.bias = registerParameter("bias", Tensors.zeros(dtype, dim));
    }

    public LayerNorm(int dim) { this(dim, 1e-5, DType.F32); }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() == 0 || x.size(-1) != dim) {
            throw new io.seqlearn.tensor.ShapeException("layer_norm: input expected (..., " + dim + "), got "
                    + Shapes.str(x.shapeRef()));
        }
        return io.seqlearn.ops.LayerNormOp.apply(x, weight, bias, eps);
    }

    public Tensor weight() { return weight; }

    public Tensor bias() { return bias; }
}
