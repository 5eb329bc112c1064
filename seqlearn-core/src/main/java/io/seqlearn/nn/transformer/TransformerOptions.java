package io.seqlearn.nn.transformer;

import io.seqlearn.tensor.DType;

/**
 * Options of {@link TransformerEncoderLayer} and {@link TransformerDecoderLayer}, with PyTorch's defaults
 * except the layout: {@code dimFeedforward} 2048, {@code dropout} 0.1, ReLU, {@code layerNormEps} 1e-5,
 * post-norm ({@code normFirst} false), F32, and batch-first (PyTorch: sequence-first; set
 * {@code withBatchFirst(false)} for (T, B, D) tensors). {@code bias = false} is not supported (PyTorch then
 * also drops the LayerNorm biases, which {@link io.seqlearn.nn.LayerNorm} always has).
 */
public record TransformerOptions(int dimFeedforward, double dropout, Activation activation, double layerNormEps,
                                 boolean batchFirst, boolean normFirst, DType dtype) {
    /** The feed-forward activation: ReLU or exact (erf) GELU, as PyTorch's {@code "relu"} / {@code "gelu"}. */
    public enum Activation { RELU, GELU }

    public static TransformerOptions defaults() {
        return new TransformerOptions(2048, 0.1, Activation.RELU, 1e-5, true, false, DType.F32);
    }

    public TransformerOptions withDimFeedforward(int d) { return new TransformerOptions(d, dropout, activation, layerNormEps, batchFirst, normFirst, dtype); }
    public TransformerOptions withDropout(double p) { return new TransformerOptions(dimFeedforward, p, activation, layerNormEps, batchFirst, normFirst, dtype); }
    public TransformerOptions withActivation(Activation a) { return new TransformerOptions(dimFeedforward, dropout, a, layerNormEps, batchFirst, normFirst, dtype); }
    public TransformerOptions withLayerNormEps(double e) { return new TransformerOptions(dimFeedforward, dropout, activation, e, batchFirst, normFirst, dtype); }
    public TransformerOptions withBatchFirst(boolean b) { return new TransformerOptions(dimFeedforward, dropout, activation, layerNormEps, b, normFirst, dtype); }
    public TransformerOptions withNormFirst(boolean n) { return new TransformerOptions(dimFeedforward, dropout, activation, layerNormEps, batchFirst, n, dtype); }
    public TransformerOptions withDtype(DType d) { return new TransformerOptions(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, d); }
}
