package io.seqlearn.layers;

import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inverted dropout, as {@code keras.layers.Dropout(rate)}: in training each element is zeroed with
 * probability {@code rate} and survivors are scaled by 1/(1−rate); identity at inference. Shape unchanged.
 *
 * <p>Masks come from {@link #stepRng()}, which the trainer reseeds from (run seed, step, layer index) before
 * every step, so dropout is repeatable and a resumed run draws the same masks as an uninterrupted one
 * (the wrapped {@link io.seqlearn.nn.Dropout} keeps a private RNG that a checkpoint could not restore).
 */
public class Dropout extends Layer {
    private final double rate;

    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("dropout: rate must be in [0, 1), got " + rate);
        this.rate = rate;
    }

    @Override
    protected void onBuild(int[] inputShape, Rng rng) {}

    @Override
    public long plannedWeightCount(int[] inputShape) { return 0; }

    @Override
    protected Tensor compute(Tensor x) {
        if (!isTraining() || rate == 0) return x;
        Tensor keep = Tensors.bernoulli(x.dtype(), stepRng(), 1 - rate, x.shapeRef()).mul(1.0 / (1 - rate));
        return x.mul(keep);
    }

    public double rate() { return rate; }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rate", rate);
        return c;
    }

    static Dropout fromConfig(LayerConfig c) { return new Dropout(c.doubleValue("rate", 0.5)); }
}
