package io.seqlearn.nn.rnn;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.Tensor;

/**
 * Reverses each sequence within its own length: y[b, t] = x[b, len_b − 1 − t] for t &lt; len_b, and padding
 * (t ≥ len_b) stays where it is. A permutation that is its own inverse and adjoint, so backward applies the
 * same reversal to the gradient. Layout (B, T, F) when batch-first, else (T, B, F).
 */
final class SequenceReverse {
    private SequenceReverse() {}

    static Tensor apply(Tensor x, int[] lens, boolean batchFirst) {
        Tensor y = reverse(x, lens, batchFirst);
        return Node.record(y, "reverse_sequences", g -> new Tensor[]{reverse(g, lens, batchFirst)}, x);
    }

    private static Tensor reverse(Tensor x, int[] lens, boolean batchFirst) {
        Tensor src = x.contiguousNoGrad();
        Buf in = Buf.of(src);
        int off = src.offset();
        int b = x.size(batchFirst ? 0 : 1), t = x.size(batchFirst ? 1 : 0), w = x.numel() / (b * t);
        Buf out = Buf.zeros(x.dtype(), x.numel());
        for (int bi = 0; bi < b; bi++) {
            int len = lens == null ? t : lens[bi];
            for (int ti = 0; ti < t; ti++) {
                int from = ti < len ? len - 1 - ti : ti;
                in.copyTo(off + row(bi, from, b, t, batchFirst) * w, out, row(bi, ti, b, t, batchFirst) * w, w);
            }
        }
        return out.tensor(x.backend(), x.shape());
    }

    private static int row(int b, int t, int batch, int time, boolean batchFirst) {
        return batchFirst ? b * time + t : t * batch + b;
    }
}
