package io.seqlearn.data.loader;

import io.seqlearn.autograd.GradMode;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * A background thread that assembles the batches of one plan, in plan order, into a bounded queue: while the
 * consumer trains on batch i, batches i+1 … i+depth are being built. One worker keeps the order, so the
 * stream equals the synchronous one. A failure travels through the queue and is re-thrown by {@link #take}
 * with the original exception as its cause; {@link #close} stops the worker (it is interrupted if blocked on
 * a full queue) and waits for it briefly.
 */
final class Prefetcher<B> {
    private static final Object NULL = new Object();
    private static final long JOIN_MILLIS = 2_000;

    private record Failure(Throwable cause) {}

    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private final List<int[]> plan;
    private final int epoch;
    private volatile boolean stopped;

    Prefetcher(List<int[]> plan, Function<int[], B> assemble, int depth, int epoch) {
        if (depth < 1) throw new IllegalArgumentException("prefetch depth must be >= 1, got " + depth);
        this.plan = plan;
        this.epoch = epoch;
        this.queue = new ArrayBlockingQueue<>(depth);
        String name = "seqlearn-prefetch" + (epoch >= 0 ? "-epoch-" + epoch : "");
        this.worker = Thread.ofPlatform().daemon().name(name).unstarted(() -> run(assemble));
        worker.start();
    }

    private void run(Function<int[], B> assemble) {
        try (var g = GradMode.disabled()) {
            for (int i = 0; i < plan.size() && !stopped; i++) {
                Object item;
                try {
                    B b = assemble.apply(plan.get(i));
                    item = b == null ? NULL : b;
                } catch (Throwable t) {
                    item = new Failure(t);
                }
                queue.put(item);
                if (item instanceof Failure) return;
            }
        } catch (InterruptedException e) {
            // close() interrupted a put on a full queue: stop quietly.
        }
    }

    /** The next batch, which must be batch {@code position} of the plan; blocks until it is ready. */
    @SuppressWarnings("unchecked")
    B take(int position) {
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataLoaderException(DataLoaderException.describe(epoch, position, plan.size(), plan.get(position))
                    + ": interrupted while waiting for the prefetch thread", epoch, position, e);
        }
        if (item instanceof Failure f) {
            close();
            throw new DataLoaderException(DataLoaderException.describe(epoch, position, plan.size(), plan.get(position))
                    + " failed in the prefetch thread: " + f.cause(), epoch, position, f.cause());
        }
        return item == NULL ? null : (B) item;
    }

    /** Stops the worker and waits for it to end (bounded: a collate call in progress finishes first). */
    void close() {
        stopped = true;
        worker.interrupt();
        queue.clear();
        if (Thread.currentThread() != worker) {
            try {
                worker.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isAlive() { return worker.isAlive(); }
}
