package io.seqlearn.layers;

import io.seqlearn.nn.LayerNorm;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Normalises over the last dim, as {@code keras.layers.LayerNormalization(epsilon=1e-3)}:
 * y = (x − mean) / √(var + ε) · γ + β with biased variance; γ = 1, β = 0 initially. Input (B, …, D) → same
 * shape. Wraps {@link LayerNorm} (parameters {@code weight} = γ, {@code bias} = β, as PyTorch). The default ε
 * is Keras' 1e-3; PyTorch's is 1e-5 — pass it explicitly to match a PyTorch model.
 */
public class LayerNormalization extends Layer {
    private final double epsilon;
    private LayerNorm norm;

    public LayerNormalization(double epsilon) {
        if (!(epsilon > 0)) throw new IllegalArgumentException("layer_normalization: epsilon must be > 0, got " + epsilon);
        this.epsilon = epsilon;
    }

    public LayerNormalization() { this(1e-3); }

    @Override
    protected void onBuild(int[] inputShape, Rng rng) {
        norm = adopt(new LayerNorm(featureSize(inputShape), epsilon, dtype()));
    }

    @Override
    public long plannedWeightCount(int[] inputShape) { return 2L * featureSize(inputShape); }

    @Override
    protected void checkInputShape(int[] shape) { checkLastDim(shape, norm.weight().numel()); }

    @Override
    protected Tensor compute(Tensor x) { return norm.forward(x); }

    public double epsilon() { return epsilon; }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("epsilon", epsilon);
        return c;
    }

    static LayerNormalization fromConfig(LayerConfig c) { return new LayerNormalization(c.doubleValue("epsilon", 1e-3)); }
}
