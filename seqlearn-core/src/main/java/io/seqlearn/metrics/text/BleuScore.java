package io.seqlearn.metrics.text;

import java.util.Locale;

/**
 * A BLEU result with its sufficient statistics, as sacreBLEU's {@code BLEUScore}.
 *
 * @param score      BLEU in [0, 100]
 * @param counts     matched (clipped) n-gram counts, n = 1..N (before any add-k smoothing)
 * @param totals     hypothesis n-gram counts, n = 1..N
 * @param precisions n-gram precisions in percent, after smoothing
 * @param bp         brevity penalty {@code min(1, exp(1 - ref_len / sys_len))}
 * @param sysLen     total hypothesis length in tokens
 * @param refLen     total closest-reference length in tokens
 */
public record BleuScore(double score, long[] counts, long[] totals, double[] precisions, double bp, long sysLen, long refLen) {

    /** {@code sys_len / ref_len} (0 when ref_len is 0). */
    public double ratio() { return refLen == 0 ? 0 : (double) sysLen / refLen; }

    /** sacreBLEU's line: {@code BLEU = 34.21 65.2/40.1/28.0/20.3 (BP = 0.987 ratio = 0.987 hyp_len = 123 ref_len = 125)}. */
    @Override
    public String toString() {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < precisions.length; i++) p.append(i > 0 ? "/" : "").append(String.format(Locale.ROOT, "%.1f", precisions[i]));
        return String.format(Locale.ROOT, "BLEU = %.2f %s (BP = %.3f ratio = %.3f hyp_len = %d ref_len = %d)",
                score, p, bp, ratio(), sysLen, refLen);
    }
}
