package io.seqlearn.data.loader;

import io.seqlearn.tensor.Seeds;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import io.seqlearn.train.ArrayData;
import io.seqlearn.data.Batch;
import io.seqlearn.data.TrainingData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.seqlearn.data.loader.BatchPlansTest.assertEverySampleOnce;
import static io.seqlearn.data.loader.BatchPlansTest.samePlan;
import static org.junit.jupiter.api.Assertions.*;

class DataLoaderTest {
    /** 100 variable-length samples whose ids encode the sample index. */
    static ClassificationData text(int n) {
        List<int[]> seqs = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int[] s = new int[1 + (i * 37) % 19];
            Arrays.fill(s, 100 + i);
            seqs.add(s);
            labels[i] = i % 3;
        }
        return ClassificationData.of(seqs, labels).inputs(ClassificationData.TOKENS, ClassificationData.LENGTHS, ClassificationData.MASK);
    }

    static void assertSameBatch(Batch a, Batch b) {
        assertEquals(a.inputs().keySet(), b.inputs().keySet());
        assertEquals(a.targets().keySet(), b.targets().keySet());
        a.inputs().forEach((k, t) -> assertSameTensor(t, b.inputs().get(k)));
        a.targets().forEach((k, t) -> assertSameTensor(t, b.targets().get(k)));
        assertEquals(a.tokens(), b.tokens());
    }

    static void assertSameTensor(Tensor a, Tensor b) {
        assertArrayEquals(a.shape(), b.shape());
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
    }

    static List<Batch> drain(BatchStream<Batch> s) {
        List<Batch> out = new ArrayList<>();
        try (s) {
            while (s.hasNext()) out.add(s.next());
        }
        return out;
    }

    @Test void sameSeedSameOrderAndEpochsDiffer() {
        TrainingData d = text(100);
        DataLoader<Batch> a = DataLoader.of(d).batchSize(8).shuffle(true).seed(42).build();
        DataLoader<Batch> b = DataLoader.of(d).batchSize(8).shuffle(true).seed(42).build();
        DataLoader<Batch> c = DataLoader.of(d).batchSize(8).shuffle(true).seed(43).build();
        assertTrue(samePlan(a.plan(3), b.plan(3)));
        assertFalse(samePlan(a.plan(3), a.plan(4)), "each epoch reshuffles");
        assertFalse(samePlan(a.plan(3), c.plan(3)));
        assertEverySampleOnce(a.plan(0), 100);
    }

    @Test void epochKDependsOnlyOnSeedAndK() {
        TrainingData d = text(50);
        DataLoader<Batch> run = DataLoader.of(d).batchSize(6).shuffle(true).seed(7).build();
        List<List<Batch>> epochs = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            List<Batch> bs = new ArrayList<>();
            for (Batch b : run) bs.add(b);
            epochs.add(bs);
        }
        assertEquals(3, run.nextEpoch());
        // a fresh loader resumed at epoch 2 gives epoch 2's batches
        List<Batch> resumed = drain(DataLoader.of(d).batchSize(6).shuffle(true).seed(7).build().epoch(2));
        assertEquals(epochs.get(2).size(), resumed.size());
        for (int i = 0; i < resumed.size(); i++) assertSameBatch(epochs.get(2).get(i), resumed.get(i));
        DataLoader<Batch> set = DataLoader.of(d).batchSize(6).shuffle(true).seed(7).build();
        set.setEpoch(2);
        assertSameBatch(epochs.get(2).get(0), set.iterator().next());
    }

    @Test void orderMatchesTheTrainersForTheSameSeed() {
        // fit shuffles epoch e with Rng(Seeds.mix(runSeed, "shuffle", e)); the loader derives the same
        TrainingData d = ArrayData.of(Tensors.arange(DType.F32, 40).reshape(40, 1), null);
        DataLoader<Batch> l = DataLoader.of(d).batchSize(7).shuffle(true).seed(99).build();
        assertTrue(samePlan(d.batchIndices(7, new Rng(Seeds.mix(99, "shuffle", 5))), l.plan(5)));
    }

    @Test void withoutShuffleSamplesComeInOrder() {
        DataLoader<Batch> l = DataLoader.of(text(10)).batchSize(4).build();
        assertTrue(samePlan(BatchPlans.shuffled(10, 4, null), l.plan(0)));
        assertTrue(samePlan(l.plan(0), l.plan(1)));
    }

    @Test void dropLastAndBucketingApply() {
        ClassificationData d = text(100);
        DataLoader<Batch> l = DataLoader.of(d).batchSize(8).shuffle(true).seed(1).dropLast(true).bucketBy(d::length, 4).build();
        List<int[]> plan = l.plan(0);
        assertEquals(12, plan.size());
        assertTrue(plan.stream().allMatch(b -> b.length == 8));
        for (int[] b : plan) for (int k = 1; k < b.length; k++) assertTrue(d.length(b[k - 1]) <= d.length(b[k]));
        assertEquals(12, l.numBatches(3));
        // a source's own bucketing is used when the loader sets none
        DataLoader<Batch> own = DataLoader.of(d.bucketing(4)).batchSize(8).shuffle(true).seed(1).build();
        assertTrue(samePlan(own.plan(2), BatchPlans.bucketed(100, d::length, 8, 4, new Rng(own.epochSeed(2)))));
    }

    @Test void prefetchedBatchesEqualSynchronousOnes() {
        ClassificationData d = text(100);
        DataLoader<Batch> sync = DataLoader.of(d).batchSize(8).shuffle(true).seed(5).bucketBy(d::length, 3).build();
        DataLoader<Batch> pre = DataLoader.of(d).batchSize(8).shuffle(true).seed(5).bucketBy(d::length, 3).prefetch(2).build();
        for (int e = 0; e < 3; e++) {
            List<Batch> a = drain(sync.epoch(e));
            List<Batch> b = drain(pre.epoch(e));
            assertEquals(13, a.size());
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) assertSameBatch(a.get(i), b.get(i));
        }
    }

    @Test void workerExceptionReachesTheConsumerWithItsCause() {
        IllegalStateException boom = new IllegalStateException("corrupt sample 13");
        Dataset<Integer> ds = new Dataset<>() {
            @Override public int size() { return 40; }

            @Override public Integer get(int i) {
                if (i == 13) throw boom;
                return i;
            }
        };
        for (int prefetch : new int[]{0, 3}) {
            DataLoader<List<Integer>> l = DataLoader.of(ds, (List<Integer> xs) -> xs).batchSize(4).prefetch(prefetch).build();
            BatchStream<List<Integer>> s = l.epoch(0);
            for (int i = 0; i < 3; i++) assertEquals(List.of(4 * i, 4 * i + 1, 4 * i + 2, 4 * i + 3), s.next());
            DataLoaderException e = assertThrows(DataLoaderException.class, s::next);
            assertSame(boom, e.getCause(), "prefetch " + prefetch);
            assertEquals(3, e.batch());
            assertEquals(0, e.epoch());
            assertTrue(e.getMessage().contains("batch 4/10 of epoch 0"), e.getMessage());
            assertTrue(e.getMessage().contains("[12, 13, 14, 15]"), e.getMessage());
            assertFalse(s.hasNext(), "a failed stream is closed");
            assertFalse(s.prefetchThreadAlive());
            l.close();
        }
    }

    @Test void closeStopsThePrefetchThread() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Dataset<Integer> ds = new Dataset<>() {
            @Override public int size() { return 1000; }

            @Override public Integer get(int i) { return i; }
        };
        DataLoader<Integer> l = DataLoader.of(ds, (List<Integer> xs) -> made.incrementAndGet()).batchSize(1).prefetch(2).build();
        BatchStream<Integer> s = l.epoch(0);
        s.next();
        Thread.sleep(50);
        assertTrue(s.prefetchThreadAlive(), "blocked on the full queue");
        assertTrue(made.get() <= 4, "bounded queue: made " + made.get());
        // starting another epoch stops the abandoned one
        BatchStream<Integer> next = l.epoch(1);
        assertFalse(s.prefetchThreadAlive());
        assertThrows(IllegalStateException.class, s::next);
        assertTrue(next.prefetchThreadAlive());
        l.close();
        assertFalse(next.prefetchThreadAlive());
        assertFalse(next.hasNext());
    }

    @Test void datasetRouteCollatesInBatchOrder() {
        Dataset<String> ds = Dataset.of(List.of("a", "b", "c", "d", "e"));
        DataLoader<String> l = DataLoader.of(ds, (List<String> xs) -> String.join("", xs)).batchSize(2).build();
        List<String> got = new ArrayList<>();
        for (String s : l) got.add(s);
        assertEquals(List.of("ab", "cd", "e"), got);
        assertThrows(IllegalStateException.class, l::asTrainingData);
    }

    @Test void collatedDataIsATrainingSourceWithOptionalBucketing() {
        List<int[]> seqs = new ArrayList<>();
        for (int i = 0; i < 30; i++) seqs.add(new int[1 + (i * 11) % 7]);
        CollatedData<int[]> d = CollatedData.of(Dataset.of(seqs), (List<int[]> xs) -> {
            SequenceBatch sb = Padding.of(0).pad(xs);
            return new Batch(java.util.Map.of("tokens", sb.ids()), java.util.Map.of(), sb.tokens());
        });
        assertArrayEquals(new int[]{2, 5}, d.batch(new int[]{0, 1}).inputs().get("tokens").shape());
        CollatedData<int[]> bucketed = d.bucketBy(x -> x.length, 2);
        List<int[]> plan = bucketed.batchIndices(5, new Rng(8));
        assertEverySampleOnce(plan, 30);
        for (int[] b : plan) for (int k = 1; k < b.length; k++) assertTrue(seqs.get(b[k - 1]).length <= seqs.get(b[k]).length);
        assertEquals(10, bucketed.subset(20, 30).size());
        assertEquals(seqs.get(22).length, bucketed.subset(20, 30).batch(new int[]{2}).inputs().get("tokens").size(1));
        CollatedData<int[]> broken = CollatedData.of(Dataset.of(seqs), xs -> null);
        assertThrows(IllegalStateException.class, () -> broken.batch(new int[]{0}));
    }

    @Test void trainingDataViewPrefetchesThePlannedBatches() {
        ClassificationData d = text(60);
        try (DataLoader<Batch> l = DataLoader.of(d).prefetch(2).dropLast(true).build()) {
            PrefetchingData view = l.asTrainingData();
            assertEquals(60, view.size());
            List<int[]> plan = view.batchIndices(7, new Rng(3));
            assertEquals(8, plan.size(), "drop-last on a shuffled (training) epoch");
            assertTrue(view.prefetchThreadAlive());
            for (int[] idx : plan) assertSameBatch(d.batch(idx), view.batch(idx));
            assertFalse(view.prefetchThreadAlive(), "done after the last planned batch");
            assertEquals(9, view.batchIndices(7, null).size(), "evaluation keeps every sample");
            // an unplanned request is served directly
            assertSameBatch(d.batch(new int[]{0}), view.batch(new int[]{0}));
            TrainingData sub = view.subset(10, 30);
            assertEquals(20, sub.size());
            assertSameBatch(d.batch(new int[]{10, 11}), sub.batch(sub.batchIndices(2, null).get(0)));
        }
    }

    @Test void badOptionsAreRejected() {
        TrainingData d = text(5);
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(d).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(d).prefetch(-1));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(d).bucketBy(i -> i, 0));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(d).build().plan(-1));
    }
}
