package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.DType;

/**
 * What the forward pass of one layer direction keeps for backward, all time-ordered with row
 * {@code tb = t·B + b} (padding rows stay zero):
 * <ul>
 *   <li>{@code gates} (T·B, S·H): the gate activations (S = 4 for LSTM and GRU, 1 for RNN), later
 *       overwritten in place by dG;</li>
 *   <li>{@code hPrev} (T·B, Hr): h_{t−1}, the left operand of dW_hh = Σ dGᵀ h_{t−1};</li>
 *   <li>LSTM {@code cPrev}, {@code tanhC} (T·B, H): c_{t−1} for the forget gate, tanh(c_t);</li>
 *   <li>LSTM with projection {@code hRaw} (T·B, H): o ⊙ tanh(c) before W_hr.</li>
 * </ul>
 * Memory: B·T·(S·H + Hr [+ 2H] [+ H]) per direction, plus the layer input.
 */
final class SavedDirection {
    Buf gates;
    Buf hPrev;
    Buf cPrev;
    Buf tanhC;
    Buf hRaw;

    SavedDirection(RecurrentSpec spec, DType dtype, int rows) {
        int h = spec.hiddenSize();
        gates = Buf.zeros(dtype, rows * spec.kind().savedWidth() * h);
        hPrev = Buf.zeros(dtype, rows * spec.outSize());
        if (spec.kind().isLstm()) {
            cPrev = Buf.zeros(dtype, rows * h);
            tanhC = Buf.zeros(dtype, rows * h);
            if (spec.projSize() > 0) hRaw = Buf.zeros(dtype, rows * h);
        }
    }

    /** Drops every reference so the memory can be reclaimed as soon as backward is done. */
    void release() {
        gates = hPrev = cPrev = tanhC = hRaw = null;
    }
}
