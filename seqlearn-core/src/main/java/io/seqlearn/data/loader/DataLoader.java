package io.seqlearn.data.loader;

import io.seqlearn.tensor.Seeds;
import io.seqlearn.tensor.Rng;
import io.seqlearn.data.Batch;
import io.seqlearn.data.TrainingData;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntToLongFunction;

/**
 * Mini-batches of a data source, epoch after epoch, like PyTorch's {@code DataLoader}: seeded shuffling,
 * batch size, drop-last, bucketing by length and a background prefetch thread.
 *
 * <pre>{@code
 * DataLoader<Batch> loader = DataLoader.of(trainData).batchSize(32).shuffle(true).seed(42).prefetch(4).build();
 * for (Batch b : loader) { ... }               // epoch 0; the next for-loop is epoch 1, and so on
 * try (BatchStream<Batch> s = loader.epoch(7)) { while (s.hasNext()) step(s.next()); }   // resume at epoch 7
 * model.fit(loader.asTrainingData(), options); // the Keras trainer with this loader's bucketing/prefetch
 * }</pre>
 *
 * <p><b>Order.</b> Epoch k shuffles with {@code Rng(Seeds.mix(seed, "shuffle", k))}, the same derivation
 * {@code fit} uses, so epoch k depends only on (seed, k): resuming at epoch k is exact, and a loader over a
 * source with seed s yields the order {@code fit} uses with run seed s. Without shuffling samples come in
 * order. A source that buckets by itself (e.g. {@link ClassificationData#bucketing}) is asked for its own
 * plan ({@code TrainingData.batchIndices}); {@link Builder#bucketBy} replaces it with
 * {@link BatchPlans#bucketed}.
 *
 * <p><b>Prefetch.</b> With {@code prefetch(n)}, n ≥ 1, one daemon thread assembles up to n batches ahead
 * into a bounded queue; the batches are the same, in the same order, as without it. A failure in the thread
 * reaches the consumer as {@link DataLoaderException} whose cause is the original exception. Starting a new
 * epoch, closing the epoch's {@link BatchStream}, or {@link #close()} stops the thread. Sources must allow
 * reads from that thread (every source in this package does).
 *
 * <p>Defaults: batch size 1, no shuffling, seed 0, keep the last short batch, no bucketing, no prefetch
 * (PyTorch's defaults).
 *
 * @param <B> the batch type ({@link Batch} over a {@link TrainingData})
 */
public final class DataLoader<B> implements Iterable<B>, AutoCloseable {
    private final int size;
    private final Function<int[], B> assemble;
    private final BiFunction<Integer, Rng, List<int[]>> ownPlan;
    private final TrainingData source;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final IntToLongFunction bucketKey;
    private final int poolBatches;
    private final int prefetch;
    private final Set<AutoCloseable> open = new LinkedHashSet<>();
    private int nextEpoch;

    private DataLoader(Builder<B> b) {
        this.size = b.size;
        this.assemble = b.assemble;
        this.ownPlan = b.ownPlan;
        this.source = b.source;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.bucketKey = b.bucketKey;
        this.poolBatches = b.poolBatches;
        this.prefetch = b.prefetch;
    }

    /** A loader over a {@link TrainingData} source; batches are its {@link Batch}es. */
    public static Builder<Batch> of(TrainingData data) {
        return new Builder<>(data.size(), data::batch, data::batchIndices, data);
    }

    /** A loader over a map-style dataset; each batch is {@code collate} of its samples, in batch order. */
    public static <T, B> Builder<B> of(Dataset<T> data, Function<List<T>, B> collate) {
        Function<int[], B> assemble = indices -> {
            List<T> samples = new ArrayList<>(indices.length);
            for (int i : indices) samples.add(data.get(i));
            return collate.apply(samples);
        };
        return new Builder<>(data.size(), assemble, (bs, rng) -> BatchPlans.shuffled(data.size(), bs, rng), null);
    }

    /** Number of samples. */
    public int size() { return size; }

    public int batchSize() { return batchSize; }

    /** The shuffling seed of epoch {@code epoch}: {@code Seeds.mix(seed, "shuffle", epoch)}. */
    public long epochSeed(int epoch) { return Seeds.mix(seed, "shuffle", epoch); }

    /** The sample indices of every batch of epoch {@code epoch}, in order; a pure function of (seed, epoch). */
    public List<int[]> plan(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("data loader: epoch must be >= 0, got " + epoch);
        Rng rng = shuffle ? new Rng(epochSeed(epoch)) : null;
        List<int[]> plan = bucketKey != null
                ? BatchPlans.bucketed(size, bucketKey, batchSize, poolBatches, rng)
                : ownPlan.apply(batchSize, rng);
        return dropLast ? BatchPlans.dropLast(plan, batchSize) : plan;
    }

    /** Number of batches in epoch {@code epoch}. */
    public int numBatches(int epoch) { return plan(epoch).size(); }

    /** The batches of epoch {@code epoch}; stops any earlier epoch's prefetch thread first. */
    public synchronized BatchStream<B> epoch(int epoch) {
        closeOpen();
        BatchStream<B> s = new BatchStream<>(epoch, plan(epoch), assemble, prefetch, this::forget);
        open.add(s);
        return s;
    }

    /** The next epoch's batches (epoch 0 first, then 1, …; see {@link #setEpoch}). */
    @Override
    public synchronized Iterator<B> iterator() { return epoch(nextEpoch++); }

    /** Makes the next {@link #iterator()} run epoch {@code epoch} (PyTorch's {@code sampler.set_epoch}). */
    public synchronized void setEpoch(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("data loader: epoch must be >= 0, got " + epoch);
        nextEpoch = epoch;
    }

    /** The epoch the next {@link #iterator()} runs. */
    public synchronized int nextEpoch() { return nextEpoch; }

    /**
     * This loader as a source for {@code Model.fit}: the trainer keeps its own batch size and shuffling
     * seed, and this loader adds its bucketing, drop-last (training epochs only, so evaluation and predict
     * see every sample) and prefetching. Close it, or this loader, to stop a prefetch thread left behind by
     * an interrupted fit.
     *
     * @throws IllegalStateException for a loader built over a {@link Dataset} (use {@link CollatedData})
     */
    public synchronized PrefetchingData asTrainingData() {
        if (source == null) {
            throw new IllegalStateException("data loader: asTrainingData needs a loader built over a TrainingData; "
                    + "wrap a Dataset with CollatedData.of(dataset, collate) first");
        }
        PrefetchingData d = new PrefetchingData(source, prefetch, dropLast, bucketKey, poolBatches);
        open.add(d);
        return d;
    }

    /** Stops every prefetch thread this loader started. */
    @Override
    public synchronized void close() { closeOpen(); }

    private void closeOpen() {
        for (AutoCloseable c : List.copyOf(open)) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("data loader: closing " + c + " failed", e);
            }
        }
        open.clear();
    }

    private synchronized void forget(AutoCloseable c) { open.remove(c); }

    /** Options of a {@link DataLoader}; {@link #build()} makes it. */
    public static final class Builder<B> {
        private final int size;
        private final Function<int[], B> assemble;
        private final BiFunction<Integer, Rng, List<int[]>> ownPlan;
        private final TrainingData source;
        private int batchSize = 1;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;
        private IntToLongFunction bucketKey;
        private int poolBatches;
        private int prefetch;

        private Builder(int size, Function<int[], B> assemble, BiFunction<Integer, Rng, List<int[]>> ownPlan, TrainingData source) {
            this.size = size;
            this.assemble = assemble;
            this.ownPlan = ownPlan;
            this.source = source;
        }

        /** Samples per batch (default 1). */
        public Builder<B> batchSize(int n) {
            BatchPlans.checkBatchSize(n);
            batchSize = n;
            return this;
        }

        /** Reshuffle every epoch (default false). */
        public Builder<B> shuffle(boolean on) {
            shuffle = on;
            return this;
        }

        /** Base seed of the per-epoch shuffling (default 0). */
        public Builder<B> seed(long s) {
            seed = s;
            return this;
        }

        /** Drop batches smaller than the batch size (default false). */
        public Builder<B> dropLast(boolean on) {
            dropLast = on;
            return this;
        }

        /**
         * Bucketing by length (torchtext's {@code BucketIterator}; {@link BatchPlans#bucketed}): samples are
         * sorted by {@code key} within pools of {@code poolBatches} batches, then the batch order is shuffled.
         * Takes effect when shuffling; without it batches stay in sample order.
         *
         * @param key sort key of sample i, typically its length
         */
        public Builder<B> bucketBy(IntToLongFunction key, int poolBatches) {
            if (poolBatches < 1) throw new IllegalArgumentException("bucketing: pool must hold >= 1 batches, got " + poolBatches);
            bucketKey = key;
            this.poolBatches = poolBatches;
            return this;
        }

        /** Batches assembled ahead by a background thread (0 = none, the default). */
        public Builder<B> prefetch(int batches) {
            if (batches < 0) throw new IllegalArgumentException("prefetch must be >= 0 batches, got " + batches);
            prefetch = batches;
            return this;
        }

        public DataLoader<B> build() { return new DataLoader<>(this); }
    }
}
