package io.seqlearn.data.loader;

import io.seqlearn.tensor.DType;

import java.util.List;

/**
 * How a batch of token-id sequences becomes one rectangular tensor: pad id, padded length, truncation,
 * bos/eos markers, layout and dtype. Immutable; each {@code with…} returns a changed copy.
 *
 * <p>Per sequence: the content is first cut to {@code limit − markers} tokens (when a limit applies and
 * truncation is on) from the {@link #truncateSide} end, then bos/eos are added, so the markers always survive
 * (torchtext's {@code Field} order). The batch's length T is {@code fixedLength} when set, else the longest
 * sequence of the batch (after truncation). The sequence fills T from the {@link #padSide} opposite end;
 * {@code lengths[b]} counts its real tokens and {@code mask[b, t]} is 1 exactly at them.
 *
 * <p>Defaults: pad id 0 (the {@code Vocabulary} pad), no length limit, padding and truncation at the END,
 * no markers, batch-first, F32. Keras {@code pad_sequences(maxlen=L)} is
 * {@code Padding.of(0).fixedLength(L).truncating(Side.START).padSide(Side.START)}.
 *
 * <pre>{@code
 * SequenceBatch b = Padding.of(vocab.padId()).maxLength(200).withEos(vocab.eosId()).pad(List.of(ids1, ids2));
 * b.ids();      // (2, T)
 * b.mask();     // (2, T), 1 = real token
 * }</pre>
 */
public final class Padding {
    private final int padId;
    private final int limit;
    private final boolean fixed;
    private final boolean truncate;
    private final Side truncateSide;
    private final Side padSide;
    private final int bos;
    private final int eos;
    private final boolean timeMajor;
    private final DType dtype;

    private Padding(int padId, int limit, boolean fixed, boolean truncate, Side truncateSide, Side padSide,
                    int bos, int eos, boolean timeMajor, DType dtype) {
        this.padId = padId;
        this.limit = limit;
        this.fixed = fixed;
        this.truncate = truncate;
        this.truncateSide = truncateSide;
        this.padSide = padSide;
        this.bos = bos;
        this.eos = eos;
        this.timeMajor = timeMajor;
        this.dtype = dtype;
    }

    /** Pads with {@code padId} to each batch's longest sequence; no truncation, no markers. */
    public static Padding of(int padId) {
        IdTensors.checkId("padding", "pad id", -1, -1, padId);
        return new Padding(padId, 0, false, false, Side.END, Side.END, -1, -1, false, DType.F32);
    }

    /** Cuts sequences longer than {@code maxLength} (markers included) and pads to the batch's longest. */
    public Padding maxLength(int maxLength) {
        checkLimit(maxLength);
        return new Padding(padId, maxLength, false, true, truncateSide, padSide, bos, eos, timeMajor, dtype);
    }

    /**
     * Pads every batch to exactly {@code length}. A longer sequence is an error unless {@link #truncating}
     * is also set.
     */
    public Padding fixedLength(int length) {
        checkLimit(length);
        return new Padding(padId, length, true, truncate, truncateSide, padSide, bos, eos, timeMajor, dtype);
    }

    /** Turns truncation on, cutting from {@code side} (END keeps the first tokens). */
    public Padding truncating(Side side) {
        return new Padding(padId, limit, fixed, true, side, padSide, bos, eos, timeMajor, dtype);
    }

    /** Where padding goes (default END: real tokens first, as recurrent layers with lengths expect). */
    public Padding padSide(Side side) {
        return new Padding(padId, limit, fixed, truncate, truncateSide, side, bos, eos, timeMajor, dtype);
    }

    /** Prepends {@code bosId} to every sequence (−1: none). */
    public Padding withBos(int bosId) {
        if (bosId != -1) IdTensors.checkId("padding", "bos id", -1, -1, bosId);
        return new Padding(padId, limit, fixed, truncate, truncateSide, padSide, bosId, eos, timeMajor, dtype);
    }

    /** Appends {@code eosId} to every sequence (−1: none). */
    public Padding withEos(int eosId) {
        if (eosId != -1) IdTensors.checkId("padding", "eos id", -1, -1, eosId);
        return new Padding(padId, limit, fixed, truncate, truncateSide, padSide, bos, eosId, timeMajor, dtype);
    }

    /**
     * Ids and mask as (T, B) instead of (B, T) (PyTorch's {@code batch_first=False}), for custom loops.
     * {@code fit} wants batch-first tensors: it reads the batch size from dim 0 of a batch's first input.
     */
    public Padding timeMajor(boolean on) {
        return new Padding(padId, limit, fixed, truncate, truncateSide, padSide, bos, eos, on, dtype);
    }

    /** Dtype of the produced tensors (default F32). */
    public Padding dtype(DType d) {
        return new Padding(padId, limit, fixed, truncate, truncateSide, padSide, bos, eos, timeMajor, d);
    }

    public int padId() { return padId; }

    /** The length limit, 0 when none. */
    public int limit() { return limit; }

    public boolean isFixed() { return fixed; }

    public boolean truncates() { return truncate; }

    public Side truncateSide() { return truncateSide; }

    public Side padSide() { return padSide; }

    /** The bos id, −1 when none. */
    public int bosId() { return bos; }

    /** The eos id, −1 when none. */
    public int eosId() { return eos; }

    public boolean isTimeMajor() { return timeMajor; }

    public DType dtype() { return dtype; }

    /** Number of marker tokens added to each sequence (0, 1 or 2). */
    public int markers() { return (bos >= 0 ? 1 : 0) + (eos >= 0 ? 1 : 0); }

    /** Length of a sequence of {@code n} content tokens after truncation and markers. */
    public int paddedLength(int n) {
        int len = n + markers();
        return truncate && limit > 0 ? Math.min(len, limit) : len;
    }

    /** Pads {@code sequences} (each an int[] of ids) into one batch. */
    public SequenceBatch pad(List<int[]> sequences) {
        return PaddingKernel.pad(this, sequences);
    }

    /** Pads {@code sequences} into one batch. */
    public SequenceBatch pad(int[]... sequences) { return pad(List.of(sequences)); }

    private void checkLimit(int n) {
        if (n < 1) throw new IllegalArgumentException("padding: length limit must be >= 1, got " + n);
        if (n <= markers()) {
            throw new IllegalArgumentException("padding: length limit " + n + " leaves no room beside " + markers() + " bos/eos markers");
        }
    }
}
