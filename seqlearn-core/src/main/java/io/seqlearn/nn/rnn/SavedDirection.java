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
 *
 * <p>{@code reused}: the F32 buffers come from {@link ScratchPool} with stale contents, for a forward that
 * writes every element of every valid row (the fast stepper, {@link FastDirectionForward}); the padding
 * rows are zeroed here. {@link #release} hands them back.
 */
final class SavedDirection {
    Buf gates;
    Buf hPrev;
    Buf cPrev;
    Buf tanhC;
    Buf hRaw;
    private final boolean pooled;

    SavedDirection(RecurrentSpec spec, DType dtype, StepPlan plan, boolean reused) {
        int h = spec.hiddenSize(), rows = plan.time() * plan.batch();
        this.pooled = reused && dtype == DType.F32;
        gates = buffer(dtype, plan, spec.kind().savedWidth() * h);
        hPrev = buffer(dtype, plan, spec.outSize());
        if (spec.kind().isLstm()) {
            cPrev = buffer(dtype, plan, h);
            tanhC = buffer(dtype, plan, h);
            if (spec.projSize() > 0) hRaw = Buf.zeros(dtype, rows * h);
        }
    }

    private Buf buffer(DType dtype, StepPlan plan, int width) {
        int n = plan.time() * plan.batch() * width;
        if (!pooled) return Buf.zeros(dtype, n);
        Buf buf = new Buf(ScratchPool.take(n), null);
        plan.zeroPaddingRows(buf, width);
        return buf;
    }

    /** Drops every reference so the memory can be reclaimed (or reused) as soon as backward is done. */
    void release() {
        if (pooled) {
            for (Buf buf : new Buf[] {gates, hPrev, cPrev, tanhC}) if (buf != null) ScratchPool.give(buf.f());
        }
        gates = hPrev = cPrev = tanhC = hRaw = null;
    }
}
