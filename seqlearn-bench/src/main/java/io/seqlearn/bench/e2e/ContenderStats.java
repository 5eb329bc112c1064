package io.seqlearn.bench.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * One contender on one row, all rounds pooled: median and min–max ms/step over every timed step, the
 * GFLOP/s and tokens/s of the median, the largest peak heap and resident set of its processes, and
 * (for a peer) seqlearn's paired speedup over it.
 *
 * @param na      why the contender has no numbers for this row ("n/a"), or null
 * @param error   the first failure of one of its processes, or null
 * @param speedup seqlearn's paired speedup over this contender (NaN for seqlearn itself or without pairs)
 * @param vsPytorch this contender's paired speedup over PyTorch (1 for PyTorch, NaN without pairs); the chart
 */
record ContenderStats(String contender, int rounds, int steps, double medianMs, double minMs, double maxMs,
                      double gflops, double tokensPerS, long heapMb, long rssMb, String na, String error,
                      double speedup, int pairedRounds, double vsPytorch) {

    static ContenderStats of(RowSpec row, String contender, List<RunResult> runs, List<RunResult> seqlearn,
                             List<RunResult> pytorch) {
        List<Double> all = new ArrayList<>();
        long heap = -1, rss = -1;
        int rounds = 0;
        String na = null, error = null;
        for (RunResult r : runs) {
            if (r.na() != null) na = r.na();
            if (r.error() != null && error == null) error = r.error();
            if (!r.timed()) continue;
            rounds++;
            all.addAll(r.ms());
            heap = Math.max(heap, r.heapMb());
            rss = Math.max(rss, r.rssMb());
        }
        double med = Stats.median(all);
        double min = all.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = all.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double gflops = row.flops() > 0 ? row.flops() / (med * 1e6) : Double.NaN;
        double tps = row.endToEnd() ? row.tokensPerStep() / (med / 1000) : Double.NaN;
        boolean peer = !contender.equals("seqlearn");
        double speedup = peer ? Stats.pairedSpeedup(seqlearn, runs) : Double.NaN;
        int paired = peer ? Stats.pairedRounds(seqlearn, runs) : 0;
        double vsPytorch = contender.equals("pytorch") ? (rounds > 0 ? 1.0 : Double.NaN) : Stats.pairedSpeedup(runs, pytorch);
        return new ContenderStats(contender, rounds, all.size(), med, min, max, gflops, tps, heap, rss, na, error,
                speedup, paired, vsPytorch);
    }

    boolean timed() { return steps > 0; }
}
