package io.seqlearn.bench.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Medians and the paired (per-round) speedup the report is built on. */
final class Stats {
    private Stats() {}

    static double median(List<Double> xs) {
        if (xs.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /**
     * How many times faster {@code a} is than {@code b} on one row: for every round where both ran, the
     * ratio median(b's ms that round) / median(a's ms that round), and then the median of those ratios.
     * Pairing by round cancels the machine's slow drift (bench/run alternates the contenders' processes),
     * which a ratio of two separately taken medians would not. NaN when no round has both.
     */
    static double pairedSpeedup(List<RunResult> a, List<RunResult> b) {
        Map<Integer, Double> am = perRound(a), bm = perRound(b);
        List<Double> ratios = new ArrayList<>();
        for (var e : am.entrySet()) {
            Double bv = bm.get(e.getKey());
            if (bv != null) ratios.add(bv / e.getValue());
        }
        return median(ratios);
    }

    /** The number of rounds {@link #pairedSpeedup} pairs. */
    static int pairedRounds(List<RunResult> a, List<RunResult> b) {
        Map<Integer, Double> bm = perRound(b);
        return (int) perRound(a).keySet().stream().filter(bm::containsKey).count();
    }

    private static Map<Integer, Double> perRound(List<RunResult> rs) {
        Map<Integer, Double> m = new TreeMap<>();
        for (RunResult r : rs) if (r.timed()) m.put(r.round(), median(r.ms()));
        return m;
    }
}
