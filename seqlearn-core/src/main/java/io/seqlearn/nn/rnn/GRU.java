package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

/**
 * Gated recurrent unit over whole sequences (Cho et al. 2014), exactly as {@code torch.nn.GRU} (reset gate
 * applied after the recurrent matmul, Keras {@code reset_after=True}):
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * Parameters per layer k: {@code weight_ih_lk} (3H, I or D·H), {@code weight_hh_lk} (3H, H),
 * {@code bias_ih_lk}, {@code bias_hh_lk} (3H), {@code _reverse} for the backward direction, all
 * U(−1/√H, 1/√H). Shapes (batch-first): x (B, T, I) → output (B, T, D·H), h (L·D, B, H). Lengths as
 * {@link LSTM}.
 *
 * <pre>{@code
 * GRU gru = new GRU(16, 64, GRU.Options.defaults().withNumLayers(2));
 * GRUOutput out = gru.forward(x, lengths, null);
 * }</pre>
 */
public class GRU extends RecurrentLayer {

    /** Options and defaults as {@link LSTM.Options}, without projSize. */
    public record Options(int numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional,
                          double recurrentDropout, boolean returnSequences, boolean stateful, DType dtype, long seed) {
        public Options {
            LayerSettings.check("gru", numLayers, 0, dropout, recurrentDropout, dtype);
        }

        public static Options defaults() { return new Options(1, true, true, 0, false, 0, true, false, DType.F32, 0); }

        public Options withNumLayers(int v) { return new Options(v, bias, batchFirst, dropout, bidirectional, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withBias(boolean v) { return new Options(numLayers, v, batchFirst, dropout, bidirectional, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withBatchFirst(boolean v) { return new Options(numLayers, bias, v, dropout, bidirectional, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withDropout(double v) { return new Options(numLayers, bias, batchFirst, v, bidirectional, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withBidirectional(boolean v) { return new Options(numLayers, bias, batchFirst, dropout, v, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withRecurrentDropout(double v) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional, v, returnSequences, stateful, dtype, seed); }
        public Options withReturnSequences(boolean v) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional, recurrentDropout, v, stateful, dtype, seed); }
        public Options withStateful(boolean v) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional, recurrentDropout, returnSequences, v, dtype, seed); }
        public Options withDtype(DType v) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional, recurrentDropout, returnSequences, stateful, v, seed); }
        public Options withSeed(long v) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional, recurrentDropout, returnSequences, stateful, dtype, v); }

        LayerSettings settings() {
            return new LayerSettings(batchFirst, dropout, recurrentDropout, returnSequences, stateful, dtype);
        }
    }

    public GRU(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, Options.defaults()); }

    public GRU(int inputSize, int hiddenSize, Options options) {
        this(inputSize, hiddenSize, options, new Rng(options.seed()));
    }

    public GRU(int inputSize, int hiddenSize, Options options, Rng rng) {
        super(new RecurrentSpec(CellKind.GRU, inputSize, hiddenSize, 0, options.numLayers(),
                options.bidirectional(), options.bias()), options.settings(), rng);
    }

    @Override
    public GRUOutput forward(Tensor x, Tensor lengths) { return forward(x, lengths, null); }

    /** {@code h0} (L·D, B, H) or null for zeros (or the carried state when stateful). */
    public GRUOutput forward(Tensor x, Tensor lengths, Tensor h0) {
        FusedRecurrent.Result r = run(x, lengths, h0, null);
        return new GRUOutput(r.output(), r.h());
    }
}
