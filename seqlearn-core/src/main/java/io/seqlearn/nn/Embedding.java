package io.seqlearn.nn;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.StridedIndex;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * Lookup table, as {@code torch.nn.Embedding}: weight (V, D) ~ N(0, 1). Token ids (any shape, integer values
 * in a float tensor) → (…, D). The row at {@code paddingIdx} (if ≥ 0) starts at zero and never receives a
 * gradient, so padding stays inert.
 */
public class Embedding extends Module {
    private final int vocab;
    private final int dim;
    private final int paddingIdx;
    private final Tensor weight;

    public Embedding(int vocab, int dim, int paddingIdx, DType dtype, Rng rng) {
        if (paddingIdx >= vocab) throw new IllegalArgumentException("embedding: paddingIdx " + paddingIdx + " >= vocab " + vocab);
        this.vocab = vocab;
        this.dim = dim;
        this.paddingIdx = paddingIdx;
        Tensor w = Init.normal(Tensors.zeros(dtype, vocab, dim), rng, 0, 1);
        if (paddingIdx >= 0) w.narrow(0, paddingIdx, 1).fill(0);
        this.weight = registerParameter("weight", w);
    }

    public Embedding(int vocab, int dim, Rng rng) { this(vocab, dim, -1, DType.F32, rng); }

    /** Backward: row-wise scatter-add of the output gradient, skipping {@code paddingIdx}. */
    @Override
    public Tensor forward(Tensor ids) {
        int n = ids.numel();
        int[] rows = new int[n];
        StridedIndex it = new StridedIndex(ids);
        for (int i = 0; i < n; i++) {
            double v = ids.at(it.next());
            int r = (int) v;
            if (r != v || r < 0 || r >= vocab) {
                throw new ShapeException("embedding: token id " + v + " out of range [0, " + vocab + ")");
            }
            rows[i] = r;
        }
        Tensor out = weight.newZeros(Shapes.insert(ids.shapeRef(), ids.rank(), dim));
        Object src = weight.dtype() == DType.F32 ? weight.dataF() : weight.dataD();
        Object dst = out.dtype() == DType.F32 ? out.dataF() : out.dataD();
        for (int i = 0; i < n; i++) System.arraycopy(src, weight.offset() + rows[i] * dim, dst, i * dim, dim);
        return Node.record(out, "embedding", g -> new Tensor[]{scatterRows(g, rows)}, weight);
    }

    private Tensor scatterRows(Tensor g, int[] rows) {
        Tensor gc = g.contiguousNoGrad();
        Tensor gw = weight.newZeros(vocab, dim);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == paddingIdx) continue;
            if (gw.dtype() == DType.F32) gw.backend().axpy(dim, 1f, gc.dataF(), gc.offset() + i * dim, gw.dataF(), rows[i] * dim);
            else gw.backend().axpy(dim, 1.0, gc.dataD(), gc.offset() + i * dim, gw.dataD(), rows[i] * dim);
        }
        return gw;
    }

    public Tensor weight() { return weight; }

    public int vocabSize() { return vocab; }

    public int embeddingDim() { return dim; }

    public int paddingIdx() { return paddingIdx; }
}
