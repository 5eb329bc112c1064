package io.seqlearn.train;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.Map;

/** Small seeded sequence tasks for training tests (token id 0 is padding). */
final class ToySequences {
    private ToySequences() {}

    /**
     * Right-padded token sequences of random lengths in [2, maxLen], tokens in [1, vocab); the label is 1 when
     * the last real token is ≥ vocab/2 — learnable only by a model that respects the lengths.
     */
    static ArrayData lastTokenClassification(int n, int maxLen, int vocab, long seed) {
        Rng rng = new Rng(seed);
        float[] ids = new float[n * maxLen];
        float[] lengths = new float[n];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int len = 2 + rng.nextInt(maxLen - 1);
            lengths[i] = len;
            for (int t = 0; t < len; t++) ids[i * maxLen + t] = 1 + rng.nextInt(vocab - 1);
            labels[i] = ids[i * maxLen + len - 1] >= vocab / 2.0 ? 1 : 0;
        }
        return new ArrayData(Map.of("tokens", Tensor.of(ids, n, maxLen), "lengths", Tensor.of(lengths, n)),
                Map.of("label", Tensor.of(labels, n)));
    }

    /** Source sequences of length {@code len} and their reversal as targets, with a BOS-shifted decoder input. */
    static ArrayData reversal(int n, int len, int vocab, long seed) {
        Rng rng = new Rng(seed);
        int bos = vocab - 1;
        Tensor src = Tensors.zeros(DType.F32, n, len), decIn = Tensors.zeros(DType.F32, n, len), tgt = Tensors.zeros(DType.F32, n, len);
        for (int i = 0; i < n; i++) {
            int[] s = new int[len];
            for (int t = 0; t < len; t++) s[t] = 1 + rng.nextInt(vocab - 2);
            for (int t = 0; t < len; t++) {
                src.set(s[t], i, t);
                tgt.set(s[len - 1 - t], i, t);
                decIn.set(t == 0 ? bos : s[len - t], i, t);
            }
        }
        return new ArrayData(Map.of("source", src, "target_in", decIn), Map.of("logits", tgt));
    }
}
