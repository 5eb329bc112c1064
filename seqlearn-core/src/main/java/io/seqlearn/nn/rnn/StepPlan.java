package io.seqlearn.nn.rnn;

/**
 * Which (time, batch) rows a recurrent direction visits at each step, PyTorch packed-sequence style.
 *
 * <p>Sequences are ordered by decreasing length (stable), so at step s the still-active sequences are a
 * prefix of {@code active(s)} rows of the running state: the per-step GEMM then touches only live rows, as
 * in a {@code PackedSequence}. Row r of the running state is batch entry {@code perm[r]}. The forward
 * direction visits time t = s; the reverse direction visits t = len − 1 − s, i.e. it starts at each
 * sequence's own end. Time-ordered buffers are indexed by {@code tb = t·B + b}.
 */
final class StepPlan {
    private final int batch;
    private final int time;
    private final int[] lens;
    private final int[] perm;
    private final int[] active;

    /** {@code lengths} null means every sequence has length {@code time}. Lengths must already be valid. */
    StepPlan(int batch, int time, int[] lengths) {
        this.batch = batch;
        this.time = time;
        this.lens = new int[batch];
        for (int b = 0; b < batch; b++) lens[b] = lengths == null ? time : lengths[b];
        this.perm = sortByLengthDescending(lens);
        int maxLen = lens[perm[0]];
        this.active = new int[maxLen];
        for (int s = 0, r = batch; s < maxLen; s++) {
            while (r > 0 && lens[perm[r - 1]] <= s) r--;
            active[s] = r;
        }
    }

    private static int[] sortByLengthDescending(int[] lens) {
        // Counting sort: stable, O(B + T).
        int max = 0;
        for (int l : lens) max = Math.max(max, l);
        int[] count = new int[max + 2];
        for (int l : lens) count[max - l + 1]++;
        for (int i = 1; i < count.length; i++) count[i] += count[i - 1];
        int[] perm = new int[lens.length];
        for (int b = 0; b < lens.length; b++) perm[count[max - lens[b]]++] = b;
        return perm;
    }

    int batch() { return batch; }

    int time() { return time; }

    /** Steps any sequence takes (the longest length). */
    int steps() { return active.length; }

    /** Number of sequences still running at step s (a prefix of the sorted rows). */
    int active(int s) { return active[s]; }

    /** Batch index of running-state row r. */
    int batchOf(int r) { return perm[r]; }

    int length(int b) { return lens[b]; }

    /** True when every sequence has the full length T (no padding anywhere). */
    boolean uniform() { return lens[perm[lens.length - 1]] == time; }

    /** Zeroes the padding rows {@code t·B + b} (t ≥ length of b) of a time-ordered (T·B, width) buffer. */
    void zeroPaddingRows(Buf buf, int width) {
        if (uniform()) return;
        for (int bi = 0; bi < batch; bi++) {
            for (int t = lens[bi]; t < time; t++) buf.zero((t * batch + bi) * width, width);
        }
    }

    /** Fills {@code tb[r] = t·B + b} for the active rows of step s and returns how many there are. */
    int rows(int s, boolean reverse, int[] tb) {
        int n = active[s];
        for (int r = 0; r < n; r++) {
            int b = perm[r];
            int t = reverse ? lens[b] - 1 - s : s;
            tb[r] = t * batch + b;
        }
        return n;
    }
}
