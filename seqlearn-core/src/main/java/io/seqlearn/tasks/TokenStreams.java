package io.seqlearn.tasks;

import io.seqlearn.tensor.Backends;
import io.seqlearn.tensor.Tensor;

/**
 * A token sequence cut into {@code B} parallel streams for language-model training, as the PyTorch
 * {@code word_language_model} example's {@code batchify} (and Zaremba et al.'s reader): stream b holds tokens
 * [b·N, (b+1)·N) with N = ⌊len / B⌋ (the tail that does not fill every stream is dropped), and window w
 * covers positions [w·T, w·T + T) of every stream, predicting the next token at each position. Consecutive
 * windows continue each other, so a recurrent model may carry its state across them.
 */
final class TokenStreams {
    private final int[] ids;
    private final int streams;
    private final int length;

    TokenStreams(int[] ids, int streams) {
        if (streams < 1) throw new IllegalArgumentException("token streams: batch must be >= 1, got " + streams);
        this.streams = Math.max(1, Math.min(streams, Math.max(1, (ids.length - 1) / 2)));
        this.ids = ids;
        this.length = ids.length / this.streams;
    }

    /** Number of parallel streams B (fewer than asked when the text is very short). */
    int streams() { return streams; }

    /** Number of windows of length {@code t} (the last one may be shorter). */
    int windows(int t) { return length < 2 ? 0 : (length - 1 + t - 1) / t; }

    /** Inputs of window {@code w}: (B, t') token ids, t' ≤ t. */
    Tensor inputs(int w, int t) { return slice(w, t, 0); }

    /** Targets of window {@code w}: the inputs shifted by one position. */
    Tensor targets(int w, int t) { return slice(w, t, 1); }

    /** Number of predicted tokens in window {@code w}. */
    int tokens(int w, int t) { return streams * width(w, t); }

    private int width(int w, int t) { return Math.min(t, length - 1 - w * t); }

    private Tensor slice(int w, int t, int shift) {
        int n = width(w, t);
        float[] out = new float[streams * n];
        for (int b = 0; b < streams; b++) {
            int base = b * length + w * t + shift;
            for (int j = 0; j < n; j++) out[b * n + j] = ids[base + j];
        }
        return Tensor.wrap(out, Backends.defaultBackend(), streams, n);
    }
}
