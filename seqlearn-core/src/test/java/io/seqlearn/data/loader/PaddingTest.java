package io.seqlearn.data.loader;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PaddingTest {
    /** Tensor values as doubles in storage order (contiguous tensors). */
    static double[] values(Tensor t) {
        double[] out = new double[t.numel()];
        float[] f = t.toFloatArray();
        for (int i = 0; i < out.length; i++) out[i] = f[i];
        return out;
    }

    @Test void padsToTheBatchMaximumWithMaskAndLengths() {
        SequenceBatch b = Padding.of(0).pad(new int[]{5, 6, 7}, new int[]{8}, new int[]{9, 10});
        assertArrayEquals(new int[]{3, 3}, b.ids().shape());
        assertArrayEquals(new double[]{5, 6, 7, 8, 0, 0, 9, 10, 0}, values(b.ids()));
        assertArrayEquals(new double[]{1, 1, 1, 1, 0, 0, 1, 1, 0}, values(b.mask()));
        assertArrayEquals(new double[]{3, 1, 2}, values(b.lengths()));
        assertEquals(6, b.tokens());
        assertEquals(3, b.length());
        assertEquals(3, b.batchSize());
        assertEquals(DType.F32, b.ids().dtype());
    }

    @Test void maskMarksExactlyTheRealTokensForAnyPadId() {
        // a pad id that also occurs as a real token: the mask must come from positions, not values
        SequenceBatch b = Padding.of(7).pad(new int[]{7, 1}, new int[]{2, 7, 7, 3});
        assertArrayEquals(new double[]{7, 1, 7, 7, 2, 7, 7, 3}, values(b.ids()));
        assertArrayEquals(new double[]{1, 1, 0, 0, 1, 1, 1, 1}, values(b.mask()));
        assertArrayEquals(new double[]{2, 4}, values(b.lengths()));
    }

    @Test void bosAndEosAreAddedAndCounted() {
        SequenceBatch b = Padding.of(0).withBos(2).withEos(3).pad(new int[]{10, 11}, new int[]{12});
        assertArrayEquals(new double[]{2, 10, 11, 3, 2, 12, 3, 0}, values(b.ids()));
        assertArrayEquals(new double[]{4, 3}, values(b.lengths()));
        assertArrayEquals(new double[]{1, 1, 1, 1, 1, 1, 1, 0}, values(b.mask()));
    }

    @Test void fixedLengthPadsEveryBatchToIt() {
        SequenceBatch b = Padding.of(0).fixedLength(5).pad(new int[]{1, 2});
        assertArrayEquals(new double[]{1, 2, 0, 0, 0}, values(b.ids()));
        assertArrayEquals(new double[]{2}, values(b.lengths()));
    }

    @Test void tooLongForAFixedLengthIsAnErrorWithoutTruncation() {
        var e = assertThrows(IllegalArgumentException.class, () -> Padding.of(0).fixedLength(3).pad(new int[]{1}, new int[]{1, 2, 3, 4}));
        assertTrue(e.getMessage().contains("sample 1 has 4 tokens"), e.getMessage());
        assertTrue(e.getMessage().contains("fixed length 3"), e.getMessage());
    }

    @Test void truncationKeepsTheMarkersAndCutsTheChosenEnd() {
        int[] s = {10, 11, 12, 13, 14};
        Padding p = Padding.of(0).withBos(2).withEos(3);
        assertArrayEquals(new double[]{2, 10, 11, 3}, values(p.maxLength(4).pad(s).ids()));
        assertArrayEquals(new double[]{2, 13, 14, 3}, values(p.maxLength(4).truncating(Side.START).pad(s).ids()));
        assertArrayEquals(new double[]{2, 10, 11, 12, 3}, values(p.fixedLength(5).truncating(Side.END).pad(s).ids()));
        // maxLength pads only to the batch's longest (after truncation)
        SequenceBatch b = Padding.of(0).maxLength(3).pad(new int[]{1}, new int[]{4, 5});
        assertEquals(2, b.length());
        assertArrayEquals(new double[]{3, 3}, values(Padding.of(0).maxLength(3).pad(s, new int[]{1, 2, 3}).lengths()));
    }

    @Test void keepsPrePaddingLikeKeras() {
        // keras pad_sequences([[1,2,3],[4]], maxlen=2) -> [[2,3],[0,4]] (padding='pre', truncating='pre')
        Padding keras = Padding.of(0).fixedLength(2).truncating(Side.START).padSide(Side.START);
        SequenceBatch b = keras.pad(new int[]{1, 2, 3}, new int[]{4});
        assertArrayEquals(new double[]{2, 3, 0, 4}, values(b.ids()));
        assertArrayEquals(new double[]{1, 1, 0, 1}, values(b.mask()));
        assertArrayEquals(new double[]{2, 1}, values(b.lengths()));
    }

    @Test void timeMajorIsTheTransposeOfBatchFirst() {
        List<int[]> seqs = List.of(new int[]{1, 2, 3}, new int[]{4}, new int[]{5, 6});
        SequenceBatch bf = Padding.of(9).withEos(8).pad(seqs);
        SequenceBatch tm = Padding.of(9).withEos(8).timeMajor(true).pad(seqs);
        assertArrayEquals(new int[]{4, 3}, tm.ids().shape());
        assertTrue(tm.timeMajor());
        assertEquals(4, tm.length());
        assertArrayEquals(values(bf.ids().transpose(0, 1).contiguous()), values(tm.ids()));
        assertArrayEquals(values(bf.mask().transpose(0, 1).contiguous()), values(tm.mask()));
        assertArrayEquals(values(bf.lengths()), values(tm.lengths()));
    }

    @Test void f64OnRequest() {
        SequenceBatch b = Padding.of(0).dtype(DType.F64).pad(new int[]{1, 2});
        assertEquals(DType.F64, b.ids().dtype());
        assertEquals(DType.F64, b.mask().dtype());
        assertEquals(DType.F64, b.lengths().dtype());
        assertEquals(2.0, b.ids().get(0, 1));
    }

    @Test void emptySequencesAreAllowedButNotAnEmptyBatch() {
        SequenceBatch b = Padding.of(0).pad(new int[]{}, new int[]{4});
        assertArrayEquals(new double[]{0, 1}, values(b.lengths()));
        assertArrayEquals(new double[]{0, 1}, values(b.mask()));
        assertThrows(IllegalArgumentException.class, () -> Padding.of(0).pad(List.of()));
        var e = assertThrows(IllegalArgumentException.class, () -> Padding.of(0).pad(new int[]{}, new int[]{}));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test void badIdsAndLimitsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Padding.of(0).pad(new int[]{1}, new int[]{3, -1}));
        assertTrue(e.getMessage().contains("sample 1 at position 1 is -1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Padding.of(0).pad(new int[]{(1 << 24) + 1}));
        assertThrows(IllegalArgumentException.class, () -> Padding.of(-1));
        assertThrows(IllegalArgumentException.class, () -> Padding.of(0).maxLength(0));
        assertThrows(IllegalArgumentException.class, () -> Padding.of(0).withBos(2).withEos(3).maxLength(2));
        // a limit set before the markers is checked when padding
        var late = assertThrows(IllegalArgumentException.class, () -> Padding.of(0).maxLength(1).withBos(2).pad(new int[]{5}));
        assertTrue(late.getMessage().contains("no room"), late.getMessage());
    }
}
