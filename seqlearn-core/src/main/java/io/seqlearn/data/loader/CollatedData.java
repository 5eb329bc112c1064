package io.seqlearn.data.loader;

import io.seqlearn.tensor.Rng;
import io.seqlearn.data.Batch;
import io.seqlearn.data.TrainingData;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Any {@link Dataset} plus a collate function as a {@link TrainingData} for {@code fit}: batch(indices) is
 * {@code collate(samples at indices)}. Optional bucketing by a per-sample key (usually a length).
 *
 * <pre>{@code
 * TrainingData d = CollatedData.of(Dataset.of(pairs), ps -> myBatch(ps)).bucketBy(p -> p.ids().length, 50);
 * }</pre>
 *
 * @param <T> the sample type
 */
public final class CollatedData<T> implements TrainingData {
    private static final String OP = "collated data";

    private final Dataset<T> dataset;
    private final Function<List<T>, Batch> collate;
    private final SampleRange range;
    private final ToLongFunction<T> key;
    private final int poolBatches;

    private CollatedData(Dataset<T> dataset, Function<List<T>, Batch> collate, SampleRange range, ToLongFunction<T> key, int poolBatches) {
        this.dataset = dataset;
        this.collate = collate;
        this.range = range;
        this.key = key;
        this.poolBatches = poolBatches;
    }

    public static <T> CollatedData<T> of(Dataset<T> dataset, Function<List<T>, Batch> collate) {
        return new CollatedData<>(dataset, collate, new SampleRange(0, dataset.size()), null, 0);
    }

    /** Bucketing by {@code key} (e.g. a length) over pools of {@code poolBatches} batches ({@link BatchPlans#bucketed}). */
    public CollatedData<T> bucketBy(ToLongFunction<T> key, int poolBatches) {
        if (poolBatches < 1) throw new IllegalArgumentException(OP + ": bucketing pool must hold >= 1 batches, got " + poolBatches);
        return new CollatedData<>(dataset, collate, range, key, poolBatches);
    }

    @Override
    public int size() { return range.count(); }

    @Override
    public Batch batch(int[] indices) {
        int[] abs = range.map(OP, indices);
        List<T> samples = new ArrayList<>(abs.length);
        for (int a : abs) samples.add(dataset.get(a));
        Batch b = collate.apply(samples);
        if (b == null) throw new IllegalStateException(OP + ": collate returned null for " + abs.length + " samples");
        return b;
    }

    @Override
    public List<int[]> batchIndices(int batchSize, Rng shuffle) {
        if (key == null) return BatchPlans.shuffled(size(), batchSize, shuffle);
        return BatchPlans.bucketed(size(), i -> key.applyAsLong(dataset.get(range.map(OP, i))), batchSize, poolBatches, shuffle);
    }

    @Override
    public CollatedData<T> subset(int from, int to) {
        return new CollatedData<>(dataset, collate, range.sub(OP, from, to), key, poolBatches);
    }
}
