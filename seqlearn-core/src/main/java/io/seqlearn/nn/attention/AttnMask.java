package io.seqlearn.nn.attention;

import io.seqlearn.ops.Elementwise;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * An attention mask, boolean or additive, as PyTorch's {@code attn_mask} / {@code key_padding_mask}.
 *
 * <ul>
 *   <li>{@link #bool(Tensor)}: non-zero entries are <em>disallowed</em> (PyTorch's {@code True} = "may not
 *       attend"); they become −∞ before the softmax.</li>
 *   <li>{@link #additive(Tensor)}: values are added to the scores (0 = keep, −∞ = block, anything else =
 *       a bias such as ALiBi). May require a gradient.</li>
 *   <li>{@link #fromLengths}: key padding, shape (B, Tk), key j of row b blocked when j ≥ lengths[b].</li>
 *   <li>{@link #causal}: (Tq, Tk), key j blocked for query i when j &gt; i + (Tk − Tq); the offset makes the
 *       same rule right for a query block at the end of a longer (cached) key sequence.</li>
 * </ul>
 * A mask made by {@link #fromLengths} or {@link #keyPadding(Tensor)} is a key-padding mask: layers that take
 * one mask argument (Bahdanau, Luong) broadcast it as (B, 1, Tk) over queries.
 */
public final class AttnMask {
    /** How the values are read. */
    public enum Kind { BOOLEAN, ADDITIVE }

    private final Tensor values;
    private final Kind kind;
    private final boolean keyPadding;

    private AttnMask(Tensor values, Kind kind, boolean keyPadding) {
        this.values = values;
        this.kind = kind;
        this.keyPadding = keyPadding;
    }

    /** Boolean mask: non-zero = blocked. */
    public static AttnMask bool(Tensor mask) { return new AttnMask(mask, Kind.BOOLEAN, false); }

    /** Additive float mask, added to the (scaled) scores. */
    public static AttnMask additive(Tensor bias) { return new AttnMask(bias, Kind.ADDITIVE, false); }

    /** A boolean key-padding mask (B, Tk), non-zero = padding. */
    public static AttnMask keyPadding(Tensor mask) {
        if (mask.rank() != 2) throw new ShapeException("key_padding_mask: expected (B, Tk), got " + Shapes.str(mask.shapeRef()));
        return new AttnMask(mask, Kind.BOOLEAN, true);
    }

    /** Key padding from lengths (B,) (integer values): key j of row b is blocked when j ≥ lengths[b]. */
    public static AttnMask fromLengths(Tensor lengths, int tk) {
        if (lengths.rank() != 1) throw new ShapeException("key_padding_mask: lengths expected (B,), got " + Shapes.str(lengths.shapeRef()));
        double[] l = lengths.toDoubleArray();
        int[] li = new int[l.length];
        for (int b = 0; b < l.length; b++) li[b] = (int) l[b];
        return fromLengths(li, tk, lengths.dtype());
    }

    /** Key padding from int lengths. */
    public static AttnMask fromLengths(int[] lengths, int tk, DType dtype) {
        Tensor m = Tensors.zeros(dtype, lengths.length, tk);
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 0 || lengths[b] > tk) {
                throw new ShapeException("key_padding_mask: length " + lengths[b] + " of row " + b + " not in [0, " + tk + "]");
            }
            for (int j = lengths[b]; j < tk; j++) m.put(b * tk + j, 1);
        }
        return new AttnMask(m, Kind.BOOLEAN, true);
    }

    /** Causal (Tq, Tk) boolean mask: key j blocked for query i when j &gt; i + (Tk − Tq). */
    public static AttnMask causal(int tq, int tk, DType dtype) {
        Tensor m = Tensors.zeros(dtype, tq, tk);
        for (int i = 0; i < tq; i++) for (int j = i + (tk - tq) + 1; j < tk; j++) if (j >= 0) m.put(i * tk + j, 1);
        return new AttnMask(m, Kind.BOOLEAN, false);
    }

    public Tensor values() { return values; }

    public Kind kind() { return kind; }

    public boolean isKeyPadding() { return keyPadding; }

    /**
     * The bias ready to add to scores (B, Tq, Tk) of a single-head layer: key-padding masks become
     * (B, 1, Tk), others are returned as they are (they must broadcast to the scores).
     */
    public Tensor scoreBias(DType dtype) {
        Tensor b = bias(dtype);
        return keyPadding ? b.unsqueeze(1) : b;
    }

    /**
     * The mask as an additive bias of the given dtype: 0 / −∞ for boolean masks, the values themselves (cast
     * when needed, differentiably) for additive ones.
     */
    public Tensor bias(DType dtype) {
        if (kind == Kind.ADDITIVE) return values.dtype() == dtype ? values : values.to(dtype);
        Tensor b = Elementwise.map(values, v -> v != 0 ? Double.NEGATIVE_INFINITY : 0);
        return b.dtype() == dtype ? b : b.to(dtype);
    }
}
