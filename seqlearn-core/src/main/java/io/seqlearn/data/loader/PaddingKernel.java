package io.seqlearn.data.loader;

import java.util.List;

/** The loops behind {@link Padding#pad}: one pass to size the batch, one to fill ids, mask and lengths. */
final class PaddingKernel {
    private PaddingKernel() {}

    static SequenceBatch pad(Padding p, List<int[]> sequences) {
        int n = sequences.size();
        if (n == 0) throw new IllegalArgumentException("padding: empty batch (no sequences)");
        if (p.truncates() && p.limit() > 0 && p.limit() <= p.markers()) {
            throw new IllegalArgumentException("padding: length limit " + p.limit() + " leaves no room beside "
                    + p.markers() + " bos/eos markers");
        }
        int[] content = new int[n];
        int longest = 0;
        for (int b = 0; b < n; b++) {
            int[] s = sequences.get(b);
            if (s == null) throw new IllegalArgumentException("padding: sample " + b + " is null");
            content[b] = p.truncates() && p.limit() > 0 ? Math.min(s.length, p.limit() - p.markers()) : s.length;
            int len = content[b] + p.markers();
            if (p.isFixed() && len > p.limit()) {
                throw new IllegalArgumentException("padding: sample " + b + " has " + len + " tokens ("
                        + s.length + " + " + p.markers() + " markers), longer than the fixed length " + p.limit()
                        + "; add truncating(Side.END) or truncating(Side.START) to cut it");
            }
            longest = Math.max(longest, len);
        }
        int t = p.isFixed() ? p.limit() : longest;
        if (t == 0) throw new IllegalArgumentException("padding: every sequence of the batch is empty");
        return fill(p, sequences, content, t);
    }

    private static SequenceBatch fill(Padding p, List<int[]> sequences, int[] content, int t) {
        int n = sequences.size();
        float[] ids = new float[n * t];
        float[] mask = new float[n * t];
        float[] lengths = new float[n];
        if (p.padId() != 0) java.util.Arrays.fill(ids, p.padId());
        long tokens = 0;
        for (int b = 0; b < n; b++) {
            int[] s = sequences.get(b);
            int len = content[b] + p.markers();
            int pos = p.padSide() == Side.END ? 0 : t - len;
            int first = p.truncateSide() == Side.END ? 0 : s.length - content[b];
            if (p.bosId() >= 0) put(p, ids, mask, n, t, b, pos++, p.bosId());
            for (int j = first; j < first + content[b]; j++) {
                IdTensors.checkId("padding", "token id", b, j, s[j]);
                put(p, ids, mask, n, t, b, pos++, s[j]);
            }
            if (p.eosId() >= 0) put(p, ids, mask, n, t, b, pos, p.eosId());
            lengths[b] = len;
            tokens += len;
        }
        int[] shape = p.isTimeMajor() ? new int[]{t, n} : new int[]{n, t};
        return new SequenceBatch(IdTensors.wrap(p.dtype(), ids, shape), IdTensors.wrap(p.dtype(), lengths, n),
                IdTensors.wrap(p.dtype(), mask, shape), tokens, p.isTimeMajor());
    }

    private static void put(Padding p, float[] ids, float[] mask, int n, int t, int b, int pos, int id) {
        int at = p.isTimeMajor() ? pos * n + b : b * t + pos;
        ids[at] = id;
        mask[at] = 1;
    }
}
