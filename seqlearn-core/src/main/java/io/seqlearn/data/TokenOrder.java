package io.seqlearn.data;

/** How a {@link Vocabulary} built from counts orders its (non-special) tokens. */
public enum TokenOrder {
    /**
     * Most frequent first; equal counts by ascending code points. This is torchtext's
     * {@code build_vocab_from_iterator} order, and independent of the order the corpus was read in.
     */
    FREQUENCY,
    /**
     * Ascending code points, like {@code sorted(set(text))} in char-rnn / nanoGPT character vocabularies.
     * {@code maxSize} and {@code minFrequency} still keep the most frequent tokens.
     */
    CODE_POINT
}
