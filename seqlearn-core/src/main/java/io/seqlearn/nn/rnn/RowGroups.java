package io.seqlearn.nn.rnn;

import io.seqlearn.backend.Backend;

/**
 * Splits the running rows of a recurrence into one contiguous group per thread, so that each thread runs
 * its own batch rows through every step with no barrier between steps.
 *
 * <p>Why: batch rows are independent in a recurrence (h_t of row r needs only h_{t−1} of row r), so a
 * split by rows needs no synchronisation at all, whereas a split of each step's hidden units needs a barrier
 * per step (two in the backward pass) and moves every row of h between the cores' caches each step. Each
 * thread then streams all of W_hh per step instead of half of it; with ≥ 6 rows per thread (one register
 * tile of {@link TileKernel}) that is a few GB/s from L3, far below its bandwidth. Batch-1 and few-row
 * steps keep the unit split ({@link StepScheduler}).
 *
 * <p>Groups are balanced by work, i.e. by the sum of the rows' lengths: rows are sorted by decreasing
 * length ({@link StepPlan}), so with ragged batches the first group holds fewer, longer rows.
 */
final class RowGroups {
    /** Default rows per thread below which the unit split is used (one 6-row tile of the step kernel). */
    static final int MIN_ROWS_PER_THREAD = TileKernel.MR;

    /**
     * Packed W_hh up to this size is walked tile by tile (6 rows through every unit block): it stays in L2
     * (512 KiB per core here), and the tile's rows of the gate buffer are read in sequence. A larger W_hh is
     * walked block by block (all rows of a group per unit block), so each block's panels are read from L3
     * once per step rather than once per tile: measured on LSTM M (1 MiB), tile by tile was ~20 % slower.
     */
    static final long TILE_ORDER_MAX_BYTES = 512 * 1024;

    private RowGroups() {}

    /** Whether a row group walks its rows tile by tile (true) or all rows per unit block (false). */
    static boolean tileByTile(PackedWeights pw, Tuning tuning) {
        return pw.bytes() <= tuning.tileOrderMaxBytes();
    }

    /** One piece of a group's walk: running rows [r0, r1) of step s, on the group's worker w. */
    @FunctionalInterface
    interface Piece {
        void run(int s, int w, int r0, int r1);
    }

    /**
     * Runs each group of {@code groups} ({@link #split}) on its own thread through the steps [s0, s1), in
     * descending order when {@code backwards}: per step, the group's active rows in pieces of
     * {@link TileKernel#MR} rows when {@code tileByTile}, else all of them in one piece.
     */
    static void walk(Backend be, StepPlan plan, int[] groups, boolean tileByTile, int s0, int s1, boolean backwards,
                     Piece piece) {
        be.parallelRange(groups.length - 1, 1, (w0, w1) -> {
            for (int w = w0; w < w1; w++) {
                int lo = groups[w], hi = groups[w + 1];
                int tile = tileByTile ? TileKernel.MR : Math.max(1, hi - lo);
                for (int i = s0; i < s1; i++) {
                    int s = backwards ? s1 - 1 - (i - s0) : i;
                    int end = Math.min(plan.active(s), hi);
                    for (int r0 = lo; r0 < end; r0 += tile) piece.run(s, w, r0, Math.min(r0 + tile, end));
                }
            }
        });
    }

    /**
     * Boundaries {@code g[0] = 0 ≤ g[1] ≤ … ≤ g[threads] = B} of the row groups, or null when the batch has
     * fewer than {@code max(threads, 2) · minRowsPerThread} rows: then the steps are split by units. One
     * thread gets one group, so it walks the batch in the row-group order too ({@link #tileByTile}).
     */
    static int[] split(StepPlan plan, int threads, int minRowsPerThread) {
        int b = plan.batch();
        if (threads < 1 || (long) b < (long) Math.max(threads, 2) * minRowsPerThread) return null;
        long total = 0;
        for (int r = 0; r < b; r++) total += plan.length(plan.batchOf(r));
        int[] g = new int[threads + 1];
        g[threads] = b;
        long acc = 0;
        int w = 1;
        for (int r = 0; r < b && w < threads; r++) {
            acc += plan.length(plan.batchOf(r));
            while (w < threads && acc * threads >= total * w) g[w++] = r + 1;
        }
        while (w < threads) g[w++] = b;
        return g;
    }
}
