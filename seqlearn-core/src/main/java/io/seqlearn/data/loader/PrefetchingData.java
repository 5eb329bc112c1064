package io.seqlearn.data.loader;

import io.seqlearn.tensor.Rng;
import io.seqlearn.data.Batch;
import io.seqlearn.data.TrainingData;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * A {@link TrainingData} that adds a {@link DataLoader}'s bucketing, drop-last and prefetching to a source, for
 * {@code Model.fit} ({@link DataLoader#asTrainingData()}). When the trainer asks for an epoch's plan
 * ({@link #batchIndices}) a prefetch thread starts assembling those batches in order; each {@link #batch} call
 * that asks for the next planned batch takes it from the queue, any other call (the trainer's shape probe,
 * evaluation) is assembled on the spot. Either way the batch is the source's, so training is unchanged.
 */
public final class PrefetchingData implements TrainingData, AutoCloseable {
    private final TrainingData source;
    private final int prefetch;
    private final boolean dropLast;
    private final IntToLongFunction bucketKey;
    private final int poolBatches;
    private final List<PrefetchingData> subsets = new java.util.ArrayList<>();
    private Prefetcher<Batch> active;
    private List<int[]> plan;
    private int next;

    PrefetchingData(TrainingData source, int prefetch, boolean dropLast, IntToLongFunction bucketKey, int poolBatches) {
        this.source = source;
        this.prefetch = prefetch;
        this.dropLast = dropLast;
        this.bucketKey = bucketKey;
        this.poolBatches = poolBatches;
    }

    @Override
    public int size() { return source.size(); }

    /** The epoch's plan (bucketed if configured; drop-last when shuffled, i.e. training); starts prefetching it. */
    @Override
    public synchronized List<int[]> batchIndices(int batchSize, Rng shuffle) {
        List<int[]> p = bucketKey != null
                ? BatchPlans.bucketed(source.size(), bucketKey, batchSize, poolBatches, shuffle)
                : source.batchIndices(batchSize, shuffle);
        if (dropLast && shuffle != null) p = BatchPlans.dropLast(p, batchSize);
        stop();
        plan = List.copyOf(p);
        next = 0;
        if (prefetch > 0 && !plan.isEmpty()) active = new Prefetcher<>(plan, source::batch, prefetch, -1);
        return plan;
    }

    @Override
    public synchronized Batch batch(int[] indices) {
        if (active != null && next < plan.size() && (plan.get(next) == indices || Arrays.equals(plan.get(next), indices))) {
            Batch b = active.take(next++);
            if (next == plan.size()) stop();
            return b;
        }
        return source.batch(indices);
    }

    /** The source's samples [from, to), with the same bucketing, drop-last and prefetching. */
    @Override
    public synchronized TrainingData subset(int from, int to) {
        TrainingData sub = source.subset(from, to);
        IntToLongFunction key = bucketKey == null ? null : i -> bucketKey.applyAsLong(i + from);
        PrefetchingData d = new PrefetchingData(sub, prefetch, dropLast, key, poolBatches);
        subsets.add(d);
        return d;
    }

    /** Stops the prefetch threads of this source and of its subsets. */
    @Override
    public synchronized void close() {
        stop();
        subsets.forEach(PrefetchingData::close);
    }

    private void stop() {
        if (active != null) active.close();
        active = null;
    }

    synchronized boolean prefetchThreadAlive() { return active != null && active.isAlive(); }
}
