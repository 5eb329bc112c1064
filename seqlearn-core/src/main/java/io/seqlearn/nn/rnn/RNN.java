package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

/**
 * Elman recurrent network over whole sequences, exactly as {@code torch.nn.RNN}:
 * {@code h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)} with act = tanh (default) or relu.
 * Parameters per layer k: {@code weight_ih_lk} (H, I or D·H), {@code weight_hh_lk} (H, H), {@code bias_ih_lk},
 * {@code bias_hh_lk} (H), {@code _reverse} for the backward direction, all U(−1/√H, 1/√H). Shapes
 * (batch-first): x (B, T, I) → output (B, T, D·H), h (L·D, B, H). Lengths as {@link LSTM}.
 *
 * <pre>{@code
 * RNN rnn = new RNN(8, 32, RNN.Options.defaults().withNonlinearity(RNN.Nonlinearity.RELU));
 * RNNOutput out = rnn.forward(x, null);
 * }</pre>
 */
public class RNN extends RecurrentLayer {

    /** PyTorch's {@code nonlinearity} argument. */
    public enum Nonlinearity { TANH, RELU }

    /** Options and defaults as {@link LSTM.Options}, without projSize, plus nonlinearity (default TANH). */
    public record Options(Nonlinearity nonlinearity, int numLayers, boolean bias, boolean batchFirst, double dropout,
                          boolean bidirectional, double recurrentDropout, boolean returnSequences, boolean stateful,
                          DType dtype, long seed) {
        public Options {
            LayerSettings.check("rnn", numLayers, 0, dropout, recurrentDropout, dtype);
            if (nonlinearity == null) throw new IllegalArgumentException("rnn: nonlinearity must not be null");
        }

        public static Options defaults() {
            return new Options(Nonlinearity.TANH, 1, true, true, 0, false, 0, true, false, DType.F32, 0);
        }

        public Options withNonlinearity(Nonlinearity v) { return new Options(v, numLayers, bias, batchFirst, dropout, bidirectional, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withNumLayers(int v) { return new Options(nonlinearity, v, bias, batchFirst, dropout, bidirectional, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withBias(boolean v) { return new Options(nonlinearity, numLayers, v, batchFirst, dropout, bidirectional, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withBatchFirst(boolean v) { return new Options(nonlinearity, numLayers, bias, v, dropout, bidirectional, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withDropout(double v) { return new Options(nonlinearity, numLayers, bias, batchFirst, v, bidirectional, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withBidirectional(boolean v) { return new Options(nonlinearity, numLayers, bias, batchFirst, dropout, v, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withRecurrentDropout(double v) { return new Options(nonlinearity, numLayers, bias, batchFirst, dropout, bidirectional, v, returnSequences, stateful, dtype, seed); }
        public Options withReturnSequences(boolean v) { return new Options(nonlinearity, numLayers, bias, batchFirst, dropout, bidirectional, recurrentDropout, v, stateful, dtype, seed); }
        public Options withStateful(boolean v) { return new Options(nonlinearity, numLayers, bias, batchFirst, dropout, bidirectional, recurrentDropout, returnSequences, v, dtype, seed); }
        public Options withDtype(DType v) { return new Options(nonlinearity, numLayers, bias, batchFirst, dropout, bidirectional, recurrentDropout, returnSequences, stateful, v, seed); }
        public Options withSeed(long v) { return new Options(nonlinearity, numLayers, bias, batchFirst, dropout, bidirectional, recurrentDropout, returnSequences, stateful, dtype, v); }

        LayerSettings settings() {
            return new LayerSettings(batchFirst, dropout, recurrentDropout, returnSequences, stateful, dtype);
        }
    }

    public RNN(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, Options.defaults()); }

    public RNN(int inputSize, int hiddenSize, Options options) {
        this(inputSize, hiddenSize, options, new Rng(options.seed()));
    }

    public RNN(int inputSize, int hiddenSize, Options options, Rng rng) {
        super(new RecurrentSpec(options.nonlinearity() == Nonlinearity.RELU ? CellKind.RNN_RELU : CellKind.RNN_TANH,
                inputSize, hiddenSize, 0, options.numLayers(), options.bidirectional(), options.bias()),
                options.settings(), rng);
    }

    @Override
    public RNNOutput forward(Tensor x, Tensor lengths) { return forward(x, lengths, null); }

    /** {@code h0} (L·D, B, H) or null for zeros (or the carried state when stateful). */
    public RNNOutput forward(Tensor x, Tensor lengths, Tensor h0) {
        FusedRecurrent.Result r = run(x, lengths, h0, null);
        return new RNNOutput(r.output(), r.h());
    }
}
