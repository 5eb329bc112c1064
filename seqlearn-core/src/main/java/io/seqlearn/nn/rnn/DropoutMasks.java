package io.seqlearn.nn.rnn;

/**
 * Training-time masks, drawn by the module from its own seeded {@link io.seqlearn.tensor.Rng}; entries are
 * 0 or 1/(1 − p) (inverted dropout).
 *
 * @param between   per layer l &lt; L − 1, a (T, B, D·Hr) time-major mask on that layer's output before it
 *                  feeds layer l + 1 (PyTorch {@code dropout}); null entries or a null array mean none
 * @param recurrent per layer direction l·D + d, a (B, Hr) mask multiplying h_{t−1} where it enters W_hh,
 *                  the same at every step (Keras {@code recurrent_dropout}, Gal &amp; Ghahramani 2016)
 */
record DropoutMasks(Buf[] between, Buf[] recurrent) {
    static final DropoutMasks NONE = new DropoutMasks(null, null);

    Buf between(int layer) { return between == null ? null : between[layer]; }

    Buf recurrent(int layerDir) { return recurrent == null ? null : recurrent[layerDir]; }
}
