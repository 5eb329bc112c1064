package io.seqlearn.nn.rnn;

import io.seqlearn.backend.Backend;
import io.seqlearn.backend.cpu.CpuBackend;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a recurrence as a sequence of phases (one or two per time step), each a set of independent items
 * (blocks of hidden units or of output columns) that the calling thread and the backend's helper threads
 * claim. The next phase starts only when every item of the current one is done, which gives the barrier a
 * recurrence needs with one atomic per item.
 *
 * <p>Why not a fixed split with a barrier: the caller never waits for a helper to <em>start</em>; it claims
 * items itself and only waits for items already claimed (and so running). A helper that is scheduled late,
 * or never (busy pool, nested parallel call), costs speed, not a deadlock. Affinity: worker 0 claims from
 * the front and worker 1 from the back, so on two threads each keeps "its" rows of W_hh in its cache.
 */
final class StepScheduler {
    /** Per-item work: phase sequence number (step·phases + phase), item index, worker id. */
    @FunctionalInterface
    interface Work {
        void run(int seq, int item, int worker);
    }

    /** Items in phase {@code seq}. */
    @FunctionalInterface
    interface Items {
        int count(int seq);
    }

    private static final long FINISHED = -1L;
    private static final int SPINS_BEFORE_YIELD = 1 << 12;

    private final AtomicLong ticket = new AtomicLong(FINISHED);
    private final AtomicInteger done = new AtomicInteger();
    private volatile Throwable error;

    private StepScheduler() {}

    /** How many threads to use for a recurrence whose per-step work is {@code flopsPerStep}. */
    static int threadsFor(Backend be, double flopsPerStep, double minFlopsPerThread) {
        if (!(be instanceof CpuBackend) || be.threads() <= 1) return 1;
        return (int) Math.max(1, Math.min(be.threads(), flopsPerStep / minFlopsPerThread));
    }

    /**
     * Runs phases {@code from .. to−1}; {@code threads} workers including the caller (helpers come from the
     * backend's pool).
     */
    static void run(Backend be, int threads, int from, int to, Items items, Work work) {
        if (threads <= 1) {
            for (int seq = from; seq < to; seq++) {
                for (int i = 0, n = items.count(seq); i < n; i++) work.run(seq, i, 0);
            }
            return;
        }
        for (int seq = from; seq < to; seq++) {
            if (items.count(seq) > 0xFFFF) throw new IllegalArgumentException("step scheduler: too many items");
        }
        StepScheduler s = new StepScheduler();
        ((CpuBackend) be).parallelRange(threads, 1, (lo, hi) -> {
            for (int w = lo; w < hi; w++) {
                if (w == 0) s.drive(from, to, items, work);
                else s.help(w, items, work);
            }
        });
    }

    private static long encode(int seq, int front, int back) {
        return ((long) seq << 32) | ((long) front << 16) | back;
    }

    /** Caller: publishes each phase, works on it, waits until all its items are done. */
    private void drive(int from, int to, Items items, Work work) {
        try {
            for (int seq = from; seq < to; seq++) {
                int n = items.count(seq);
                done.set(0);
                ticket.set(encode(seq, 0, 0));
                while (claimAndRun(0, items, work)) {
                    // keep claiming
                }
                int spins = 0;
                while (done.get() < n) spins = pause(spins);
                if (error != null) rethrow(error);
            }
        } finally {
            ticket.set(FINISHED);
        }
    }

    /** Helper: claims items of whatever phase is published until the caller finishes. */
    private void help(int worker, Items items, Work work) {
        int spins = 0;
        while (ticket.get() != FINISHED) {
            if (claimAndRun(worker, items, work)) spins = 0;
            else spins = pause(spins);
        }
    }

    /** Claims one item of the current phase and runs it; false when none is left. */
    private boolean claimAndRun(int worker, Items items, Work work) {
        while (true) {
            long t = ticket.get();
            if (t == FINISHED) return false;
            int seq = (int) (t >>> 32), front = (int) ((t >>> 16) & 0xFFFF), back = (int) (t & 0xFFFF);
            int n = items.count(seq);
            if (front + back >= n) return false;
            boolean fromBack = worker == 1;
            long next = fromBack ? encode(seq, front, back + 1) : encode(seq, front + 1, back);
            if (ticket.compareAndSet(t, next)) {
                try {
                    if (error == null) work.run(seq, fromBack ? n - 1 - back : front, worker);
                } catch (Throwable e) {
                    error = e;
                } finally {
                    done.incrementAndGet();
                }
                return true;
            }
        }
    }

    private static void rethrow(Throwable e) {
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error err) throw err;
        throw new IllegalStateException(e);
    }

    private static int pause(int spins) {
        if (spins < SPINS_BEFORE_YIELD) Thread.onSpinWait(); else Thread.yield();
        return spins + 1;
    }
}
