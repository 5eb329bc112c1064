package io.seqlearn.nn.seq2seq;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * Generated data for the sequence-reversal task: symbols 3..V−1, lengths in [minLen, maxLen]; the target is
 * the reversed source followed by EOS. PAD = 0, BOS = 1, EOS = 2.
 */
final class ReverseTask {
    static final int PAD = 0, BOS = 1, EOS = 2;
    final int vocab, minLen, maxLen;

    ReverseTask(int vocab, int minLen, int maxLen) {
        this.vocab = vocab;
        this.minLen = minLen;
        this.maxLen = maxLen;
    }

    /** One padded batch: src (B, maxLen), tgtIn (B, maxLen + 1) = BOS + reversed, tgtOut = reversed + EOS. */
    record Batch(Tensor src, int[] lengths, Tensor tgtIn, Tensor tgtOut, int[][] sources) {}

    Batch batch(int b, Rng rng) {
        int[][] seqs = new int[b][];
        int[] lens = new int[b];
        Tensor src = Tensors.zeros(DType.F32, b, maxLen), in = Tensors.zeros(DType.F32, b, maxLen + 1), out = Tensors.zeros(DType.F32, b, maxLen + 1);
        for (int i = 0; i < b; i++) {
            int len = minLen + rng.nextInt(maxLen - minLen + 1);
            lens[i] = len;
            seqs[i] = new int[len];
            for (int t = 0; t < len; t++) seqs[i][t] = 3 + rng.nextInt(vocab - 3);
            in.set(BOS, i, 0);
            for (int t = 0; t < len; t++) {
                src.set(seqs[i][t], i, t);
                in.set(seqs[i][len - 1 - t], i, t + 1);
                out.set(seqs[i][len - 1 - t], i, t);
            }
            out.set(EOS, i, len);
        }
        return new Batch(src, lens, in, out, seqs);
    }

    static boolean isReverse(int[] source, int[] decoded) {
        if (source.length != decoded.length) return false;
        for (int t = 0; t < source.length; t++) if (decoded[t] != source[source.length - 1 - t]) return false;
        return true;
    }
}
