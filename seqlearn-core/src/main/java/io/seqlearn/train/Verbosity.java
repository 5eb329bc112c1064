package io.seqlearn.train;

/** How {@code fit} reports progress (Keras {@code verbose=0/1/2}). */
public enum Verbosity {
    /** Nothing. */
    SILENT,
    /** A live progress bar per epoch (step/total, ETA, running loss and metrics, throughput). */
    PROGRESS_BAR,
    /** One line per epoch — for logs and CI, where carriage-return redraws would pile up. */
    ONE_LINE_PER_EPOCH
}
