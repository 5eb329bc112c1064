package io.seqlearn.data.loader;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.data.Batch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.seqlearn.data.loader.PaddingTest.values;
import static org.junit.jupiter.api.Assertions.*;

/** ClassificationData and Seq2SeqData. */
class TextDataTest {
    static final List<int[]> SEQS = List.of(new int[]{4, 5, 6}, new int[]{7}, new int[]{8, 9}, new int[]{10, 11, 12, 13});

    @Test void classificationBatchHasTokensLengthsAndLabels() {
        ClassificationData d = ClassificationData.of(SEQS, new int[]{1, 0, 2, 1});
        Batch b = d.batch(new int[]{2, 0});
        assertEquals(List.of("tokens", "lengths"), List.copyOf(b.inputs().keySet()));
        assertArrayEquals(new double[]{8, 9, 0, 4, 5, 6}, values(b.inputs().get("tokens")));
        assertArrayEquals(new double[]{2, 3}, values(b.inputs().get("lengths")));
        assertArrayEquals(new double[]{2, 1}, values(b.targets().get("labels")));
        assertArrayEquals(new int[]{2}, b.targets().get("labels").shape());
        assertEquals(5, b.tokens());
        assertEquals(2, b.size());
    }

    @Test void classificationOptions() {
        ClassificationData d = ClassificationData.of(SEQS, new int[]{1, 0, 2, 1})
                .padding(Padding.of(0).withBos(2).dtype(DType.F64)).inputs("mask", "tokens").labelsAsColumn(true);
        Batch b = d.batch(new int[]{1, 3});
        assertEquals(List.of("mask", "tokens"), List.copyOf(b.inputs().keySet()));
        assertArrayEquals(new double[]{2, 7, 0, 0, 0, 2, 10, 11, 12, 13}, values(b.inputs().get("tokens")));
        assertArrayEquals(new double[]{1, 1, 0, 0, 0, 1, 1, 1, 1, 1}, values(b.inputs().get("mask")));
        assertArrayEquals(new int[]{2, 1}, b.targets().get("labels").shape());
        assertEquals(DType.F64, b.targets().get("labels").dtype());
        assertEquals(2, d.length(1));
        var e = assertThrows(IllegalArgumentException.class, () -> d.inputs("tokens", "ids"));
        assertTrue(e.getMessage().contains("no input 'ids'; available: tokens, lengths, mask"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassificationData.of(SEQS, new int[]{1}));
        assertThrows(IllegalArgumentException.class, () -> ClassificationData.of(SEQS, new int[]{1, 0, -2, 1}));
    }

    @Test void classificationSubsetAndBucketing() {
        ClassificationData d = ClassificationData.of(SEQS, new int[]{1, 0, 2, 1});
        ClassificationData tail = d.subset(2, 4);
        assertEquals(2, tail.size());
        assertArrayEquals(new double[]{2, 1}, values(tail.batch(new int[]{0, 1}).targets().get("labels")));
        assertThrows(IndexOutOfBoundsException.class, () -> tail.batch(new int[]{2}));
        ClassificationData bucketed = d.bucketing(1);
        List<int[]> plan = bucketed.batchIndices(2, new Rng(4));
        BatchPlansTest.assertEverySampleOnce(plan, 4);
        // one pool of 2 batches: the two shortest samples (1 and 2) share a batch
        assertTrue(plan.stream().anyMatch(b -> b[0] == 1 && b[1] == 2), "sorted by length within the pool");
    }

    @Test void seq2seqShiftsTheTargetAroundBosAndEos() {
        // pad 0, bos 2, eos 3
        Seq2SeqData d = Seq2SeqData.of(List.of(new int[]{10, 11, 12}, new int[]{13}), List.of(new int[]{20, 21}, new int[]{22, 23, 24}), 0, 2, 3);
        Batch b = d.batch(new int[]{0, 1});
        assertEquals(List.of("src", "src_lengths", "tgt_in", "tgt_mask"), List.copyOf(b.inputs().keySet()));
        assertArrayEquals(new double[]{10, 11, 12, 13, 0, 0}, values(b.inputs().get("src")));
        assertArrayEquals(new double[]{3, 1}, values(b.inputs().get("src_lengths")));
        assertArrayEquals(new double[]{2, 20, 21, 0, 2, 22, 23, 24}, values(b.inputs().get("tgt_in")));
        assertArrayEquals(new double[]{20, 21, 3, 0, 22, 23, 24, 3}, values(b.targets().get("tgt_out")));
        assertArrayEquals(new double[]{1, 1, 1, 0, 1, 1, 1, 1}, values(b.inputs().get("tgt_mask")));
        assertEquals(7, b.tokens());
    }

    @Test void seq2seqTruncationKeepsBosAndEosAligned() {
        Seq2SeqData d = Seq2SeqData.of(List.of(new int[]{10}), List.of(new int[]{20, 21, 22, 23}), 0, 2, 3)
                .targetPadding(Padding.of(0).maxLength(3)).sourcePadding(Padding.of(0).withEos(3))
                .inputs("src", "src_mask", "tgt_in", "tgt_lengths");
        Batch b = d.batch(new int[]{0});
        assertArrayEquals(new double[]{10, 3}, values(b.inputs().get("src")));
        assertArrayEquals(new double[]{1, 1}, values(b.inputs().get("src_mask")));
        assertArrayEquals(new double[]{2, 20, 21}, values(b.inputs().get("tgt_in")));
        assertArrayEquals(new double[]{20, 21, 3}, values(b.targets().get("tgt_out")));
        assertArrayEquals(new double[]{3}, values(b.inputs().get("tgt_lengths")));
        assertThrows(IllegalArgumentException.class, () -> d.targetPadding(Padding.of(0).withEos(3)));
        assertThrows(IllegalArgumentException.class, () -> Seq2SeqData.of(List.of(new int[]{1}), List.of(), 0, 2, 3));
    }

    @Test void seq2seqBucketsBySourceThenTargetLength() {
        List<int[]> src = List.of(new int[]{1, 1, 1}, new int[]{1}, new int[]{1}, new int[]{1, 1, 1});
        List<int[]> tgt = List.of(new int[]{1}, new int[]{1, 1}, new int[]{1}, new int[]{1, 1});
        Seq2SeqData d = Seq2SeqData.of(src, tgt, 0, 2, 3).bucketing(2);
        assertTrue(d.lengthKey(2) < d.lengthKey(1));
        assertTrue(d.lengthKey(1) < d.lengthKey(0));
        assertTrue(d.lengthKey(0) < d.lengthKey(3));
        List<int[]> plan = d.batchIndices(1, new Rng(9));
        BatchPlansTest.assertEverySampleOnce(plan, 4);
        assertEquals(2, d.subset(1, 3).size());
    }
}
