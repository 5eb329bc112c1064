package io.seqlearn.data.loader;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The batches of one epoch, in plan order, assembled on demand or by a background prefetch thread; both give
 * the same batches. A failed batch raises {@link DataLoaderException} with the original exception as cause,
 * in both modes. Close it (try-with-resources) when leaving an epoch early, to stop the prefetch thread.
 *
 * @param <B> the batch type
 */
public final class BatchStream<B> implements Iterator<B>, AutoCloseable {
    private final int epoch;
    private final List<int[]> plan;
    private final Function<int[], B> assemble;
    private final Prefetcher<B> prefetcher;
    private final Consumer<AutoCloseable> onClose;
    private int position;
    private boolean closed;

    BatchStream(int epoch, List<int[]> plan, Function<int[], B> assemble, int prefetch, Consumer<AutoCloseable> onClose) {
        this.epoch = epoch;
        this.plan = List.copyOf(plan);
        this.assemble = assemble;
        this.onClose = onClose;
        this.prefetcher = prefetch > 0 && !plan.isEmpty() ? new Prefetcher<>(this.plan, assemble, prefetch, epoch) : null;
    }

    /** The epoch this stream belongs to. */
    public int epoch() { return epoch; }

    /** Number of batches in the epoch. */
    public int numBatches() { return plan.size(); }

    /** Batches returned so far. */
    public int position() { return position; }

    /** Sample indices of batch {@code i} of this epoch. */
    public int[] indices(int i) { return plan.get(i).clone(); }

    @Override
    public boolean hasNext() { return !closed && position < plan.size(); }

    @Override
    public B next() {
        if (closed) throw new IllegalStateException("data loader: epoch " + epoch + " stream is closed");
        if (position >= plan.size()) throw new NoSuchElementException("data loader: epoch " + epoch + " has " + plan.size() + " batches");
        int i = position++;
        B b;
        try {
            b = prefetcher != null ? prefetcher.take(i) : assembleNow(i);
        } catch (DataLoaderException e) {
            close();
            throw e;
        }
        if (position == plan.size()) close();
        return b;
    }

    private B assembleNow(int i) {
        try {
            return assemble.apply(plan.get(i));
        } catch (RuntimeException e) {
            throw new DataLoaderException(DataLoaderException.describe(epoch, i, plan.size(), plan.get(i)) + " failed: " + e,
                    epoch, i, e);
        }
    }

    /** Stops the prefetch thread, if any; idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (prefetcher != null) prefetcher.close();
        onClose.accept(this);
    }

    boolean prefetchThreadAlive() { return prefetcher != null && prefetcher.isAlive(); }
}
