package io.seqlearn.nn;

import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * Inverted dropout, as {@code torch.nn.Dropout}: in training, zero each element with probability p and
 * scale survivors by 1/(1−p); identity in eval mode. The mask comes from this module's own seeded RNG.
 */
public class Dropout extends Module {
    private final double p;
    private final Rng rng;

    public Dropout(double p, Rng rng) {
        if (p < 0 || p >= 1) throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
        this.p = p;
        this.rng = new Rng(rng.nextLong());
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) return x;
        Tensor mask = Tensors.bernoulli(x.dtype(), rng, 1 - p, x.shapeRef()).mul(1.0 / (1 - p));
        return x.mul(mask);
    }

    public double p() { return p; }
}
