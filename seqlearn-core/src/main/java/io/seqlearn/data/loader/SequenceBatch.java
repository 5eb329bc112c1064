package io.seqlearn.data.loader;

import io.seqlearn.tensor.Tensor;

/**
 * Padded token sequences of one batch, as {@link Padding#pad} produces them. Ids and lengths are integer
 * values stored in float tensors (the library's index convention, exact up to 2^24).
 *
 * @param ids       token ids, (B, T) batch-first or (T, B) time-major; pad positions hold the pad id
 * @param lengths   real tokens per sequence (bos/eos included, padding excluded), (B)
 * @param mask      1 at real tokens and 0 at padding, same shape as {@code ids}
 * @param tokens    total real tokens, Σ lengths (for the trainer's tokens/s readout)
 * @param timeMajor whether {@code ids} and {@code mask} are (T, B)
 */
public record SequenceBatch(Tensor ids, Tensor lengths, Tensor mask, long tokens, boolean timeMajor) {
    /** B, the number of sequences. */
    public int batchSize() { return lengths.size(0); }

    /** T, the padded length. */
    public int length() { return ids.size(timeMajor ? 0 : 1); }
}
