package io.seqlearn.layers;

import io.seqlearn.nn.Activation;
import io.seqlearn.nn.Linear;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fully connected layer, as {@code keras.layers.Dense}: y = activation(x·Wᵀ + b) over the last dim.
 * Input (B, …, I) → output (B, …, units). Weights are {@link Linear}'s (PyTorch names {@code weight} (units, I),
 * {@code bias} (units); init U(−1/√I, 1/√I) as PyTorch, not Keras' Glorot). The input size I is inferred on
 * first call unless given.
 *
 * <pre>{@code new Dense(10, "softmax")   // I inferred
 * new Dense(64, 10, "linear")          // I = 64, built at once}</pre>
 */
public class Dense extends Layer {
    private final int units;
    private final Activation activation;
    private final boolean useBias;
    private Linear linear;

    /** {@code units} outputs, activation by Keras name ("linear", "relu", "tanh", "sigmoid", "softmax", …). */
    public Dense(int units, String activation, boolean useBias) {
        if (units < 1) throw new IllegalArgumentException("dense: units must be >= 1, got " + units);
        this.units = units;
        this.activation = Activation.of(activation == null ? "linear" : activation);
        this.useBias = useBias;
    }

    public Dense(int units, String activation) { this(units, activation, true); }

    /** Linear activation (Keras default). */
    public Dense(int units) { this(units, "linear", true); }

    /** Explicit input size: built immediately. */
    public Dense(int inputSize, int units, String activation) {
        this(units, activation, true);
        build(-1, inputSize);
    }

    @Override
    protected void onBuild(int[] inputShape, Rng rng) {
        linear = adopt(new Linear(featureSize(inputShape), units, useBias, dtype(), rng));
    }

    @Override
    public long plannedWeightCount(int[] inputShape) {
        return Math.multiplyExact(featureSize(inputShape) + (useBias ? 1L : 0L), units);
    }

    @Override
    protected void checkInputShape(int[] shape) { checkLastDim(shape, linear.inFeatures()); }

    @Override
    protected int[] outputShape(int[] inputShape) { return SymbolicShapes.withLast(inputShape, units); }

    @Override
    protected Tensor compute(Tensor x) { return activation.forward(linear.forward(x)); }

    public int units() { return units; }

    public Activation.Kind activation() { return activation.kind(); }

    /** The wrapped module (null before build). */
    public Linear linear() { return linear; }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("units", units);
        c.put("activation", activation.kind().name().toLowerCase());
        c.put("use_bias", useBias);
        return c;
    }

    static Dense fromConfig(LayerConfig c) {
        return new Dense(c.intValue("units", 1), c.stringValue("activation", "linear"), c.boolValue("use_bias", true));
    }
}
