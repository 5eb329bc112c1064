package io.seqlearn.nn.rnn;

/**
 * The recurrent cell families, with PyTorch's gate layout. {@link #gates()} is the number of H-wide blocks
 * in {@code weight_ih}/{@code weight_hh} (LSTM i, f, g, o; GRU r, z, n; plain RNN one block), and
 * {@link #savedWidth()} how many H-wide values the fused kernel keeps per (time, batch) row for backward.
 */
enum CellKind {
    /** h' = tanh(W_ih x + b_ih + W_hh h + b_hh). */
    RNN_TANH("rnn", 1, 1),
    /** h' = relu(W_ih x + b_ih + W_hh h + b_hh). */
    RNN_RELU("rnn", 1, 1),
    /** PyTorch LSTM, gates i, f, g, o; saves the four activations. */
    LSTM("lstm", 4, 4),
    /** PyTorch GRU (reset after the recurrent matmul), gates r, z, n; saves r, z, n and W_hn h + b_hn. */
    GRU("gru", 3, 4);

    private final String opName;
    private final int gates;
    private final int savedWidth;

    CellKind(String opName, int gates, int savedWidth) {
        this.opName = opName;
        this.gates = gates;
        this.savedWidth = savedWidth;
    }

    /** Lower-case name used in error messages ("lstm: input expected …"). */
    String opName() { return opName; }

    int gates() { return gates; }

    int savedWidth() { return savedWidth; }

    boolean isLstm() { return this == LSTM; }
}
