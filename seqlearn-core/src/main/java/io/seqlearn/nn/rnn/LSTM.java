package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

/**
 * Long short-term memory over whole sequences (Hochreiter &amp; Schmidhuber 1997), exactly as
 * {@code torch.nn.LSTM}: gates i, f, g, o,
 * <pre>
 *   i, f, o = σ(W_i· x_t + b_i· + W_h· h_{t−1} + b_h·),  g = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)   (with projSize: h_t = W_hr (o ⊙ tanh(c_t)))
 * </pre>
 * Parameters per layer k and direction: {@code weight_ih_lk} (4H, I or D·Hr), {@code weight_hh_lk} (4H, Hr),
 * {@code bias_ih_lk}, {@code bias_hh_lk} (4H), {@code weight_hr_lk} (Hr, H) with projection; suffix
 * {@code _reverse} for the backward direction; all U(−1/√H, 1/√H). A PyTorch state_dict loads unchanged.
 *
 * <p>Shapes (batch-first, the default): x (B, T, I) → output (B, T, D·Hr), h (L·D, B, Hr), c (L·D, B, H),
 * where Hr = projSize or H. Padded batches pass {@code lengths} (B,): outputs past a length are zero, the
 * final state is taken at each sequence's last step and the reverse direction starts at its own end
 * (PyTorch packed-sequence semantics). Forward and backward are one fused kernel (see docs/rnn.md).
 *
 * <pre>{@code
 * LSTM lstm = new LSTM(32, 128, LSTM.Options.defaults().withNumLayers(2).withBidirectional(true));
 * LSTMOutput out = lstm.forward(x, lengths);          // x (B, T, 32), lengths (B,) or null
 * LSTMOutput next = lstm.forward(x2, null, out.state().detach());   // carry state, truncated BPTT
 * }</pre>
 */
public class LSTM extends RecurrentLayer {

    /**
     * Options with their defaults: numLayers 1, bias true, batchFirst true, dropout 0 (between layers, in
     * training), bidirectional false, projSize 0, recurrentDropout 0 (Keras, one mask on h_{t−1} for all
     * steps), returnSequences true (what {@link #forward(Tensor)} returns), stateful false (carry the final
     * state into the next call, detached), dtype F32, seed 0 (initial weights and dropout masks).
     */
    public record Options(int numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional,
                          int projSize, double recurrentDropout, boolean returnSequences, boolean stateful,
                          DType dtype, long seed) {
        public Options {
            LayerSettings.check("lstm", numLayers, projSize, dropout, recurrentDropout, dtype);
        }

        public static Options defaults() {
            return new Options(1, true, true, 0, false, 0, 0, true, false, DType.F32, 0);
        }

        public Options withNumLayers(int v) { return new Options(v, bias, batchFirst, dropout, bidirectional, projSize, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withBias(boolean v) { return new Options(numLayers, v, batchFirst, dropout, bidirectional, projSize, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withBatchFirst(boolean v) { return new Options(numLayers, bias, v, dropout, bidirectional, projSize, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withDropout(double v) { return new Options(numLayers, bias, batchFirst, v, bidirectional, projSize, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withBidirectional(boolean v) { return new Options(numLayers, bias, batchFirst, dropout, v, projSize, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withProjSize(int v) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional, v, recurrentDropout, returnSequences, stateful, dtype, seed); }
        public Options withRecurrentDropout(double v) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional, projSize, v, returnSequences, stateful, dtype, seed); }
        public Options withReturnSequences(boolean v) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional, projSize, recurrentDropout, v, stateful, dtype, seed); }
        public Options withStateful(boolean v) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional, projSize, recurrentDropout, returnSequences, v, dtype, seed); }
        public Options withDtype(DType v) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional, projSize, recurrentDropout, returnSequences, stateful, v, seed); }
        public Options withSeed(long v) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional, projSize, recurrentDropout, returnSequences, stateful, dtype, v); }

        LayerSettings settings() {
            return new LayerSettings(batchFirst, dropout, recurrentDropout, returnSequences, stateful, dtype);
        }
    }

    /** One layer, default options. */
    public LSTM(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, Options.defaults()); }

    /** Weights drawn from {@code new Rng(options.seed())}. */
    public LSTM(int inputSize, int hiddenSize, Options options) {
        this(inputSize, hiddenSize, options, new Rng(options.seed()));
    }

    /** Weights drawn from {@code rng} (the seed in options is then unused). */
    public LSTM(int inputSize, int hiddenSize, Options options, Rng rng) {
        super(new RecurrentSpec(CellKind.LSTM, inputSize, hiddenSize, options.projSize(), options.numLayers(),
                options.bidirectional(), options.bias()), options.settings(), rng);
    }

    /** Padded batch from zero state; {@code lengths} (B,) integers in [1, T], or null for full length. */
    @Override
    public LSTMOutput forward(Tensor x, Tensor lengths) { return forward(x, lengths, null); }

    /**
     * Full form: {@code initial} (h0 (L·D, B, Hr), c0 (L·D, B, H)) or null for zeros (or, when stateful,
     * the carried state).
     */
    public LSTMOutput forward(Tensor x, Tensor lengths, LSTMState initial) {
        if (initial != null && (initial.h() == null || initial.c() == null)) {
            throw new IllegalArgumentException("lstm: initial state needs both h and c");
        }
        FusedRecurrent.Result r = run(x, lengths, initial == null ? null : initial.h(), initial == null ? null : initial.c());
        return new LSTMOutput(r.output(), r.h(), r.c());
    }

    /** Projection width (0 = none). */
    public int projSize() { return spec().projSize(); }
}
