package io.seqlearn.nn.transformer;

import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * The cached state of one decoder layer during incremental decoding: the self-attention key/value heads
 * of every token so far, in a growing buffer (B, H, capacity, Dh), and the cross-attention key/value heads
 * of the encoder memory, computed once. Inference only (written in place).
 */
final class LayerCache {
    private Tensor keys, values;
    private int length;
    Tensor memoryKeys, memoryValues;

    /** Appends new heads (B, H, t, Dh). */
    void append(Tensor k, Tensor v) {
        int t = k.size(2);
        if (keys == null || length + t > keys.size(2)) grow(k, Math.max(2 * (length + t), 16));
        keys.narrow(2, length, t).copyFrom(k);
        values.narrow(2, length, t).copyFrom(v);
        length += t;
    }

    private void grow(Tensor like, int capacity) {
        int[] s = Shapes.with(like.shapeRef(), 2, capacity);
        Tensor nk = like.newZeros(s), nv = like.newZeros(s);
        if (keys != null) {
            nk.narrow(2, 0, length).copyFrom(keys.narrow(2, 0, length));
            nv.narrow(2, 0, length).copyFrom(values.narrow(2, 0, length));
        }
        keys = nk;
        values = nv;
    }

    /** Keys so far (B, H, length, Dh): a view of the buffer. */
    Tensor keys() { return keys.narrow(2, 0, length); }

    Tensor values() { return values.narrow(2, 0, length); }

    int length() { return length; }

    /** A copy whose batch rows are {@code rows} of this one (beam reordering). */
    LayerCache select(Tensor rows) {
        LayerCache c = new LayerCache();
        c.length = length;
        if (keys != null) {
            c.keys = keys.indexSelect(0, rows);
            c.values = values.indexSelect(0, rows);
        }
        if (memoryKeys != null) {
            c.memoryKeys = memoryKeys.indexSelect(0, rows);
            c.memoryValues = memoryValues.indexSelect(0, rows);
        }
        return c;
    }
}
