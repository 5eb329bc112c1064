package io.seqlearn.backend.cpu;

import io.seqlearn.backend.RangeBody;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Hands out the panels of one packed GEMM call to the pool's threads: thread t owns the t-th contiguous
 * share (the same on every call, so its part of the packed W stays in its caches), cut into a few pieces
 * that it takes from the front; a thread done with its own share takes the other shares' pieces from the
 * back. On a quiet machine every thread computes exactly its own share; on a loaded one (a thread
 * descheduled for a while) the others finish its work instead of waiting for it.
 */
final class PanelClaims {
    /** Pieces per share: small enough to rebalance, large enough to amortise a CAS and the A re-reads. */
    static final int PIECES = 8;

    private final int panels;
    private final int parts;
    private final int share;
    private final int piece;
    /** Per share: next piece from the front in the high 32 bits, end (exclusive) from the back in the low. */
    private final AtomicLongArray ends;

    PanelClaims(int panels, int parts) {
        this.panels = panels;
        this.parts = parts;
        this.share = (panels + parts - 1) / parts;
        this.piece = Math.max(1, (share + PIECES - 1) / PIECES);
        this.ends = new AtomicLongArray(parts);
        for (int h = 0; h < parts; h++) {
            int count = (Math.max(0, Math.min(panels, (h + 1) * share) - h * share) + piece - 1) / piece;
            ends.set(h, count);
        }
    }

    /** Runs the pieces of share {@code home} front to back, then steals the others' from the back. */
    void work(int home, RangeBody body) {
        workOwn(home, body);
        for (int d = 1; d < parts; d++) {
            int other = (home + d) % parts;
            for (int p; (p = takeBack(other)) >= 0; ) run(other, p, body);
        }
    }

    /** Runs the pieces of share {@code home} that nobody has taken yet, front to back. */
    void workOwn(int home, RangeBody body) {
        for (int p; (p = takeFront(home)) >= 0; ) run(home, p, body);
    }

    private void run(int home, int p, RangeBody body) {
        int from = home * share + p * piece;
        body.run(from, Math.min(Math.min(panels, (home + 1) * share), from + piece));
    }

    private int takeFront(int h) {
        while (true) {
            long v = ends.get(h);
            int front = (int) (v >>> 32), back = (int) v;
            if (front >= back) return -1;
            if (ends.compareAndSet(h, v, ((long) (front + 1) << 32) | back)) return front;
        }
    }

    private int takeBack(int h) {
        while (true) {
            long v = ends.get(h);
            int front = (int) (v >>> 32), back = (int) v;
            if (front >= back) return -1;
            if (ends.compareAndSet(h, v, ((long) front << 32) | (back - 1))) return back - 1;
        }
    }
}
