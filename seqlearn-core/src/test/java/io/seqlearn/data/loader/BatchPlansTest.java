package io.seqlearn.data.loader;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensors;
import io.seqlearn.train.ArrayData;
import io.seqlearn.data.TrainingData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BatchPlansTest {
    /** Lengths 1..40 in a scrambled but fixed order. */
    static int[] lengths(int n) {
        int[] len = new int[n];
        for (int i = 0; i < n; i++) len[i] = 1 + (int) ((i * 7919L) % 40);
        return len;
    }

    static void assertEverySampleOnce(List<int[]> plan, int n) {
        int[] seen = new int[n];
        for (int[] b : plan) for (int i : b) seen[i]++;
        for (int i = 0; i < n; i++) assertEquals(1, seen[i], "sample " + i + " appears " + seen[i] + " times");
    }

    static boolean samePlan(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!Arrays.equals(a.get(i), b.get(i))) return false;
        return true;
    }

    static long padding(List<int[]> plan, int[] len) {
        long pad = 0;
        for (int[] b : plan) {
            int max = 0;
            for (int i : b) max = Math.max(max, len[i]);
            for (int i : b) pad += max - len[i];
        }
        return pad;
    }

    @Test void shuffledMatchesTheTrainersDefault() {
        TrainingData d = ArrayData.of(Tensors.zeros(DType.F32, 23, 2), null);
        assertTrue(samePlan(d.batchIndices(5, new Rng(11)), BatchPlans.shuffled(23, 5, new Rng(11))));
        assertTrue(samePlan(d.batchIndices(5, null), BatchPlans.shuffled(23, 5, null)));
        List<int[]> plain = BatchPlans.shuffled(23, 5, null);
        assertArrayEquals(new int[]{20, 21, 22}, plain.get(4));
    }

    @Test void bucketingCoversEverySampleOnceAndIsDeterministic() {
        int n = 1000;
        int[] len = lengths(n);
        List<int[]> a = BatchPlans.bucketed(n, i -> len[i], 16, 10, new Rng(5));
        List<int[]> b = BatchPlans.bucketed(n, i -> len[i], 16, 10, new Rng(5));
        List<int[]> c = BatchPlans.bucketed(n, i -> len[i], 16, 10, new Rng(6));
        assertEverySampleOnce(a, n);
        assertEverySampleOnce(c, n);
        assertTrue(samePlan(a, b), "same seed, same plan");
        assertFalse(samePlan(a, c), "another seed, another plan");
        assertEquals((n + 15) / 16, a.size());
        // only the last batch of the last pool is short (1000 = 62·16 + 8)
        assertEquals(1, a.stream().filter(x -> x.length < 16).count());
    }

    @Test void bucketingSortsWithinPoolsAndCutsPadding() {
        int n = 1000;
        int[] len = lengths(n);
        Rng rng = new Rng(3);
        List<int[]> bucketed = BatchPlans.bucketed(n, i -> len[i], 10, 20, rng);
        List<int[]> random = BatchPlans.shuffled(n, 10, new Rng(3));
        for (int[] batch : bucketed) for (int k = 1; k < batch.length; k++) assertTrue(len[batch[k - 1]] <= len[batch[k]]);
        assertTrue(padding(bucketed, len) * 5 < padding(random, len),
                "bucketed padding " + padding(bucketed, len) + " vs random " + padding(random, len));
        // the batch order is shuffled: lengths do not rise monotonically through the epoch
        List<Integer> firstLengths = new ArrayList<>();
        for (int[] batch : bucketed) firstLengths.add(len[batch[0]]);
        List<Integer> sorted = new ArrayList<>(firstLengths);
        sorted.sort(null);
        assertNotEquals(sorted, firstLengths);
    }

    @Test void withoutRngBucketingKeepsSampleOrder() {
        int[] len = lengths(30);
        assertTrue(samePlan(BatchPlans.shuffled(30, 4, null), BatchPlans.bucketed(30, i -> len[i], 4, 2, null)));
    }

    @Test void dropLastRemovesShortBatches() {
        List<int[]> plan = BatchPlans.dropLast(BatchPlans.shuffled(23, 5, new Rng(1)), 5);
        assertEquals(4, plan.size());
        assertTrue(plan.stream().allMatch(b -> b.length == 5));
    }

    @Test void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BatchPlans.shuffled(10, 0, null));
        assertThrows(IllegalArgumentException.class, () -> BatchPlans.bucketed(10, i -> i, 2, 0, new Rng(1)));
    }
}
