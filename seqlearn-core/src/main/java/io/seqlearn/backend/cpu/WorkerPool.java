package io.seqlearn.backend.cpu;

import io.seqlearn.backend.RangeBody;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits a loop over {@code [0, n)} into at most {@code threads} contiguous chunks: the calling thread runs
 * the first chunk, pool threads the rest. A ForkJoinPool, so a body that itself calls
 * {@link #parallelRange} from a worker does not deadlock (the join helps run queued chunks).
 */
final class WorkerPool implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final ForkJoinPool pool;

    WorkerPool(int threads) {
        this.threads = threads;
        this.pool = threads <= 1 ? null : new ForkJoinPool(threads - 1, namedDaemons(), null, false);
    }

    int threads() { return threads; }

    /**
     * Runs {@code body} over {@code [0, n)} in chunks of at least {@code grain} indices (a multiple of
     * {@code align}, except the last), in parallel when there is more than one chunk.
     */
    void parallelRange(int n, int grain, int align, RangeBody body) {
        int chunks = chunks(n, grain);
        if (chunks <= 1) {
            if (n > 0) body.run(0, n);
            return;
        }
        int step = step(n, chunks, align);
        chunks = (n + step - 1) / step;
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[chunks - 1];
        boolean inPool = ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == pool;
        for (int c = 1; c < chunks; c++) {
            int from = c * step, to = Math.min(n, from + step);
            ForkJoinTask<?> task = ForkJoinTask.adapt(() -> body.run(from, to));
            tasks[c - 1] = inPool ? task.fork() : pool.submit(task);
        }
        RuntimeException first = null;
        try {
            body.run(0, Math.min(n, step));
        } catch (RuntimeException e) {
            first = e;
        }
        for (ForkJoinTask<?> task : tasks) {
            try {
                task.join();
            } catch (RuntimeException e) {
                RuntimeException original = unwrap(e);
                if (first == null) first = original; else first.addSuppressed(original);
            }
        }
        if (first != null) throw first;
    }

    /** How many chunks a loop of {@code n} gets: one per thread, but none smaller than {@code grain}. */
    int chunks(int n, int grain) {
        if (pool == null || n < 2 * grain) return 1;
        return Math.min(threads, n / Math.max(1, grain));
    }

    /**
     * ForkJoinTask.join rethrows a copy of a worker's exception whose cause is the original; the caller
     * should see the original (its message and stack).
     */
    private static RuntimeException unwrap(RuntimeException e) {
        Throwable cause = e.getCause();
        return cause != null && cause.getClass() == e.getClass() ? (RuntimeException) cause : e;
    }

    @Override
    public void close() {
        if (pool == null) return;
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Length of every chunk but the last when {@code n} is split into {@code chunks} aligned pieces. */
    static int step(int n, int chunks, int align) {
        int v = (n + chunks - 1) / chunks;
        return align <= 1 ? v : (v + align - 1) / align * align;
    }

    private static ForkJoinPool.ForkJoinWorkerThreadFactory namedDaemons() {
        int id = POOLS.incrementAndGet();
        return p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("seqlearn-cpu-" + id + "-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        };
    }
}
