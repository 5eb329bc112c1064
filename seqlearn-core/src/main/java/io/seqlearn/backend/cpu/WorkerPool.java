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
    /** Per thread: whether it is running a chunk of a split that occupies every thread of its pool. */
    private static final ThreadLocal<boolean[]> SATURATED = ThreadLocal.withInitial(() -> new boolean[1]);

    /** How long the caller spins for a worker's chunk before parking (see {@link #awaitSpinning}). */
    private static final long JOIN_SPIN_NANOS = 200_000;

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
        if (chunks <= 1 || SATURATED.get()[0]) {
            if (n > 0) body.run(0, n);
            return;
        }
        int step = step(n, chunks, align);
        chunks = (n + step - 1) / step;
        boolean saturating = chunks >= threads;
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[chunks - 1];
        boolean inPool = ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == pool;
        for (int c = 1; c < chunks; c++) {
            int from = c * step, to = Math.min(n, from + step);
            ForkJoinTask<?> task = ForkJoinTask.adapt(() -> run(body, from, to, saturating));
            tasks[c - 1] = inPool ? task.fork() : pool.submit(task);
        }
        RuntimeException first = null;
        try {
            run(body, 0, Math.min(n, step), saturating);
        } catch (RuntimeException e) {
            first = e;
        }
        for (ForkJoinTask<?> task : tasks) {
            awaitSpinning(task);
            try {
                task.join();
            } catch (RuntimeException e) {
                RuntimeException original = unwrap(e);
                if (first == null) first = original; else first.addSuppressed(original);
            }
        }
        if (first != null) throw first;
    }

    /**
     * Spins (up to {@link #JOIN_SPIN_NANOS}) until {@code task} is done before {@link ForkJoinTask#join}
     * parks the caller. Why: a parked thread is woken by the finishing worker, and on a virtual machine that
     * wake-up took 45–55 µs (median; p99 0.1–0.26 ms, measured with an idle FJ pool), while the caller had
     * usually only a few microseconds to wait; a recurrent training step joins 6–8 splits.
     */
    private static void awaitSpinning(ForkJoinTask<?> task) {
        if (task.isDone()) return;
        long end = System.nanoTime() + JOIN_SPIN_NANOS;
        while (!task.isDone() && System.nanoTime() < end) Thread.onSpinWait();
    }

    /**
     * Runs one chunk; while a split keeps every thread busy, a nested {@link #parallelRange} from inside
     * its body runs inline. Splitting again then only adds hand-offs: a cross-entropy over 10,000 classes,
     * split by rows, spent 2 % of a word-LM step queueing each row's exp as two more tasks.
     */
    private static void run(RangeBody body, int from, int to, boolean saturating) {
        boolean[] flag = SATURATED.get();
        boolean outer = flag[0];
        flag[0] = outer || saturating;
        try {
            body.run(from, to);
        } finally {
            flag[0] = outer;
        }
    }

    /** Whether the calling thread runs a chunk of a split that keeps every thread busy. */
    static boolean saturated() { return SATURATED.get()[0]; }

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
