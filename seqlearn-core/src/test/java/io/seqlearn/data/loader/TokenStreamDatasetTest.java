package io.seqlearn.data.loader;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.data.Batch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.seqlearn.data.loader.BatchPlansTest.assertEverySampleOnce;
import static io.seqlearn.data.loader.PaddingTest.values;
import static org.junit.jupiter.api.Assertions.*;

class TokenStreamDatasetTest {
    static int[] stream(int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) s[i] = i;
        return s;
    }

    @Test void contiguousLayoutMatchesAHandExample() {
        // 27 ids, B = 2 rows of L = 13 (id 26 dropped): row 0 = 0..12, row 1 = 13..25; T = 3 gives (13-1)/3 = 4 batches
        TokenStreamDataset d = TokenStreamDataset.contiguous(stream(27), 2, 3);
        List<int[]> plan = d.batchIndices(2, new Rng(1));
        assertEquals(4, plan.size());
        Batch b0 = d.batch(plan.get(0));
        assertArrayEquals(new int[]{2, 3}, b0.inputs().get("tokens").shape());
        assertArrayEquals(new double[]{0, 1, 2, 13, 14, 15}, values(b0.inputs().get("tokens")));
        assertArrayEquals(new double[]{1, 2, 3, 14, 15, 16}, values(b0.targets().get("targets")));
        Batch b1 = d.batch(plan.get(1));
        assertArrayEquals(new double[]{3, 4, 5, 16, 17, 18}, values(b1.inputs().get("tokens")));
        Batch b3 = d.batch(plan.get(3));
        assertArrayEquals(new double[]{9, 10, 11, 22, 23, 24}, values(b3.inputs().get("tokens")));
        assertArrayEquals(new double[]{10, 11, 12, 23, 24, 25}, values(b3.targets().get("targets")));
        assertEquals(6, b3.tokens());
    }

    @Test void contiguousOrderIgnoresShufflingAndRowsContinue() {
        TokenStreamDataset d = TokenStreamDataset.contiguous(stream(1000), 4, 7);
        List<int[]> a = d.batchIndices(4, new Rng(1));
        assertTrue(BatchPlansTest.samePlan(a, d.batchIndices(4, null)));
        // row b of batch i+1 starts where row b of batch i ended
        for (int i = 0; i + 1 < a.size(); i++) {
            for (int r = 0; r < 4; r++) assertEquals(d.start(a.get(i)[r]) + 7, d.start(a.get(i + 1)[r]));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> d.batchIndices(8, null));
        assertTrue(e.getMessage().contains("must be 4"), e.getMessage());
    }

    @Test void timeMajorTransposes() {
        TokenStreamDataset d = TokenStreamDataset.contiguous(stream(27), 2, 3).timeMajor(true).dtype(DType.F64);
        Batch b = d.batch(new int[]{0, 1});
        assertArrayEquals(new int[]{3, 2}, b.inputs().get("tokens").shape());
        assertEquals(DType.F64, b.inputs().get("tokens").dtype());
        assertArrayEquals(new double[]{0, 13, 1, 14, 2, 15}, values(b.inputs().get("tokens")));
    }

    @Test void windowsAtAStrideShuffleIntoRandomBatches() {
        TokenStreamDataset d = TokenStreamDataset.windows(stream(50), 8, 4);
        assertEquals((50 - 8 - 1) / 4 + 1, d.size());
        Batch b = d.batch(new int[]{2});
        assertArrayEquals(new double[]{8, 9, 10, 11, 12, 13, 14, 15}, values(b.inputs().get("tokens")));
        assertArrayEquals(new double[]{9, 10, 11, 12, 13, 14, 15, 16}, values(b.targets().get("targets")));
        // the last window's target ends inside the stream
        Batch last = d.batch(new int[]{d.size() - 1});
        assertEquals(40 + 8, (int) values(last.targets().get("targets"))[7]);
        List<int[]> plan = d.batchIndices(3, new Rng(2));
        assertEverySampleOnce(plan, d.size());
        assertFalse(BatchPlansTest.samePlan(plan, d.batchIndices(3, null)));
    }

    @Test void subsetsAndErrors() {
        TokenStreamDataset d = TokenStreamDataset.contiguous(stream(100), 2, 4);
        TokenStreamDataset tail = d.subset(4, d.size());
        assertEquals(d.start(4), tail.start(0));
        assertThrows(IllegalArgumentException.class, () -> d.subset(0, 3));
        assertThrows(IllegalArgumentException.class, () -> TokenStreamDataset.contiguous(stream(9), 2, 4));
        assertThrows(IllegalArgumentException.class, () -> TokenStreamDataset.windows(stream(8), 8, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> TokenStreamDataset.windows(new int[]{1, 2, -3, 4}, 2, 1));
        assertTrue(e.getMessage().contains("position 2 is -3"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> d.batch(new int[]{d.size()}));
    }
}
