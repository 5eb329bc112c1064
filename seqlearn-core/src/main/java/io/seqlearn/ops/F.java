package io.seqlearn.ops;

import io.seqlearn.tensor.Tensor;

import java.util.List;

/**
 * Functional entry points in PyTorch's {@code torch.nn.functional} spirit. Each delegates to the op class
 * that owns the forward and backward.
 */
public final class F {
    private F() {}

    public static Tensor concat(List<Tensor> xs, int dim) { return Concat.concat(xs, dim); }

    public static Tensor stack(List<Tensor> xs, int dim) { return Concat.stack(xs, dim); }

    public static List<Tensor> split(Tensor x, int size, int dim) { return Concat.split(x, size, dim); }

    public static List<Tensor> chunk(Tensor x, int chunks, int dim) { return Concat.chunk(x, chunks, dim); }

    public static Tensor where(Tensor cond, Tensor a, Tensor b) { return Indexing.where(cond, a, b); }

    public static Tensor scatterAdd(Tensor base, int dim, Tensor index, Tensor src) {
        return Indexing.scatterAdd(base, dim, index, src);
    }

    public static Tensor softmax(Tensor x, int dim) { return Softmax.softmax(x, dim); }

    public static Tensor logSoftmax(Tensor x, int dim) { return Softmax.logSoftmax(x, dim); }

    /** y = x·Wᵀ + b with W of shape (out, in), as torch.nn.functional.linear. b may be null. */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (LinearOp.applies(x, weight, bias)) return LinearOp.apply(x, weight, bias);
        Tensor y = x.matmul(weight.transpose(0, 1));
        return bias == null ? y : y.add(bias);
    }
}
