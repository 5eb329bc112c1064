package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.DType;

/** The options every recurrent layer shares, gathered from the public {@code Options} records. */
record LayerSettings(boolean batchFirst, double dropout, double recurrentDropout, boolean returnSequences,
                     boolean stateful, DType dtype) {

    /** Shared checks for the {@code Options} records. */
    static void check(String op, int numLayers, int projSize, double dropout, double recurrentDropout, DType dtype) {
        if (numLayers <= 0) throw new IllegalArgumentException(op + ": numLayers must be positive, got " + numLayers);
        if (projSize < 0) throw new IllegalArgumentException(op + ": projSize must be >= 0, got " + projSize);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(op + ": dropout must be in [0, 1), got " + dropout);
        }
        if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
            throw new IllegalArgumentException(op + ": recurrentDropout must be in [0, 1), got " + recurrentDropout);
        }
        if (dtype == null) throw new IllegalArgumentException(op + ": dtype must not be null");
    }
}
