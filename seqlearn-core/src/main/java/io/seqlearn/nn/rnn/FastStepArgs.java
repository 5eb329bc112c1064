package io.seqlearn.nn.rnn;

/**
 * Buffers of the fast (F32, no projection) recurrent path for one layer direction. Running state rows are
 * in length-sorted order r; {@code tb[s·B + r]} gives the time-ordered row of step s. The hidden state is
 * double-buffered ({@code h[s % 2]} is read at step s, {@code h[(s + 1) % 2]} written) because other
 * workers still read the whole previous state for their own units' GEMM tiles.
 */
final class FastStepArgs {
    int batch;
    int hidden;
    int out;
    int gates;
    int dirOffset;
    int yWidth;
    int[] tb;
    /** Input projections; row stride gWidth; gRowBase/chunkStart map (s, r) to a row (see gRow). */
    float[] g;
    int gWidth;
    boolean chunked;
    int chunkStart;
    float[][] h = new float[2][];
    /** h ⊙ recurrent-dropout mask, double-buffered like h; null without the mask. */
    float[][] hMasked = new float[2][];
    float[] mask;
    float[] c;
    float[] bhn;
    int bhnOff;
    float[] y;
    boolean relu;
    /** Training: where to keep what backward needs (null in inference). */
    SavedDirection saved;

    int gRow(int s, int r) { return chunked ? (s - chunkStart) * batch + r : tb[s * batch + r]; }
}
