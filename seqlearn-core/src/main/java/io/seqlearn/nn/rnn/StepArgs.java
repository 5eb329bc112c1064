package io.seqlearn.nn.rnn;

/**
 * The buffers one pointwise step kernel reads and writes, filled in by the orchestration before each step
 * (a mutable holder instead of twenty-argument methods). Row r means running-state row r (sorted order);
 * {@code tb[r]} is its time-ordered row {@code t·B + b}. Widths: H per state row, G·H per gate row.
 */
final class StepArgs {
    /** H, the cell width. */
    int hidden;
    /** Time-ordered row of each active running row. */
    int[] tb;
    /** Row of G read by each active running row (equals tb when training, a chunk row in inference). */
    int[] gRow;

    /** Input projections (+ biases), one row of {@code gWidth} per (t, b); in training overwritten in place
     *  by the saved activations in the forward pass and by dG (pre-activation gradients) in backward. */
    Buf g;
    int gWidth;
    /** Recurrent projections h_{t−1}·W_hhᵀ of this step, row r, width G·H. */
    Buf rec;
    /** Forward output of the kernel: the new h (width H) of row r; for GRU it also holds h_{t−1} on entry. */
    Buf hOut;
    /** LSTM running cell state c, row r (updated in place). */
    Buf c;
    /** GRU recurrent bias of the n gate (b_hn), or null when the layer has no bias. */
    Buf bhn;
    int bhnOff;
    /** Whether to keep activations for backward (training). */
    boolean save;
    /** LSTM: saved tanh(c_t), time-ordered rows of width H. */
    Buf tanhC;

    /** Backward: dL/dh of the kernel's output for row r (width H). */
    Buf dh;
    /** Backward, LSTM: running dL/dc, row r (updated in place to dL/dc_{t−1} through the forget gate). */
    Buf dc;
    /** Backward: the step's recurrent-side dG, row r, contiguous width G·H, for dh_{t−1} = dG·W_hh. */
    Buf dgs;
    /** Backward, LSTM: saved c_{t−1}, time-ordered. */
    Buf cPrev;
    /** Backward, GRU: saved h_{t−1} (unmasked), time-ordered. */
    Buf hPrev;
    /** Backward, GRU: running dL/dh_{t−1}; the kernel writes the direct term dh·z. */
    Buf dhNext;
}
