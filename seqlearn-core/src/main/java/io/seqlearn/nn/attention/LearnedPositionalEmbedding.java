package io.seqlearn.nn.attention;

import io.seqlearn.nn.Init;
import io.seqlearn.nn.Module;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * Learned absolute positions (BERT, GPT-2): a trainable table {@code weight} (maxLen, D), added to the
 * input: y = x + weight[offset .. offset + T). Init N(0, σ) with σ = 0.02 as GPT-2/BERT (not
 * {@code nn.Embedding}'s N(0, 1), which would drown small token embeddings).
 */
public class LearnedPositionalEmbedding extends Module {
    private final int dim, maxLen;
    private final Tensor weight;

    public LearnedPositionalEmbedding(int maxLen, int dim, DType dtype, Rng rng) {
        this.dim = dim;
        this.maxLen = maxLen;
        this.weight = registerParameter("weight", Init.normal(Tensors.zeros(dtype, maxLen, dim), rng, 0, 0.02));
    }

    @Override
    public Tensor forward(Tensor x) { return forward(x, 0); }

    /** x (B, T, D) + weight[offset .. offset + T). */
    public Tensor forward(Tensor x, int offset) {
        Shapes.check("learned_positional_embedding", "input", x.shapeRef(), -1, -1, dim);
        int t = x.size(1);
        if (offset < 0 || offset + t > maxLen) {
            throw new ShapeException("learned_positional_embedding: positions [" + offset + ", " + (offset + t) + ") exceed maxLen " + maxLen);
        }
        return x.add(weight.narrow(0, offset, t));
    }

    public Tensor weight() { return weight; }
}
