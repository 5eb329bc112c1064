package io.seqlearn.data.loader;

/** Which end of a sequence padding is added to, or truncation cuts from. */
public enum Side {
    /** Before the first token (Keras {@code pad_sequences} {@code padding='pre'} / {@code truncating='pre'}). */
    START,
    /** After the last token (PyTorch {@code pad_sequence}, torchtext; Keras {@code 'post'}). */
    END
}
