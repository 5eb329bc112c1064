package io.seqlearn.layers;

import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token ids → vectors, as {@code keras.layers.Embedding(input_dim, output_dim, mask_zero)}. Input (B, T) of
 * integer ids in [0, inputDim) → output (B, T, outputDim). Wraps {@link io.seqlearn.nn.Embedding} (weight
 * (V, D) ~ N(0, 1), PyTorch's init).
 *
 * <p>With {@code maskZero}, id 0 is padding: its row is zero and gets no gradient (PyTorch
 * {@code padding_idx=0}), and the layer emits a (B, T) mask (1 where id ≠ 0) that recurrent layers downstream
 * turn into sequence lengths, as Keras' mask propagation does.
 */
public class Embedding extends Layer {
    private final int inputDim;
    private final int outputDim;
    private final boolean maskZero;
    private io.seqlearn.nn.Embedding embedding;

    public Embedding(int inputDim, int outputDim, boolean maskZero) {
        if (inputDim < 1 || outputDim < 1) {
            throw new IllegalArgumentException("embedding: inputDim and outputDim must be >= 1, got " + inputDim + ", " + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.maskZero = maskZero;
    }

    public Embedding(int inputDim, int outputDim) { this(inputDim, outputDim, false); }

    @Override
    protected void onBuild(int[] inputShape, Rng rng) {
        embedding = adopt(new io.seqlearn.nn.Embedding(inputDim, outputDim, maskZero ? 0 : -1, dtype(), rng));
    }

    @Override
    public long plannedWeightCount(int[] inputShape) { return Math.multiplyExact((long) inputDim, outputDim); }

    /** Ids may come in any batch and length: nothing of the input shape is fixed. */
    @Override
    public int[] symbolicInputShape(int[] concreteShape) {
        int[] s = new int[concreteShape.length];
        java.util.Arrays.fill(s, -1);
        return s;
    }

    @Override
    protected int[] outputShape(int[] inputShape) { return SymbolicShapes.append(inputShape, outputDim); }

    @Override
    protected Tensor compute(Tensor ids) {
        try {
            return embedding.forward(ids);
        } catch (ShapeException e) {
            throw new ShapeException(e.getMessage().replaceFirst("^embedding: ", label() + ": "));
        }
    }

    @Override
    protected Tensor computeMask(Map<String, Tensor> inputs, Tensor mask) {
        if (!maskZero) return mask;
        Tensor ids = inputs.get(X).detach();
        return ids.gt(ids.newScalar(0));
    }

    public int inputDim() { return inputDim; }

    public int outputDim() { return outputDim; }

    public boolean maskZero() { return maskZero; }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("input_dim", inputDim);
        c.put("output_dim", outputDim);
        c.put("mask_zero", maskZero);
        return c;
    }

    static Embedding fromConfig(LayerConfig c) {
        return new Embedding(c.intValue("input_dim", 1), c.intValue("output_dim", 1), c.boolValue("mask_zero", false));
    }
}
