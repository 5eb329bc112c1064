package io.seqlearn.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's table as fixed-width text (console) and as Markdown (docs/BENCHMARKS.md). */
final class ReportTable {
    static final List<String> HEADER = List.of("row", "contender", "median ms", "min–max ms", "GFLOP/s",
            "% sgemm peak", "tokens/s", "heap MB", "RSS MB", "seqlearn speedup");

    private ReportTable() {}

    static String text(Map<RowSpec, List<ContenderStats>> table, double peak, List<String> notes) {
        List<List<String>> cells = cells(table, peak);
        int[] w = new int[HEADER.size()];
        for (List<String> r : cells) {
            // an n/a or failed line has its message in column 3 and nothing after: it may overflow
            int n = r.get(3).isEmpty() ? 2 : w.length;
            for (int i = 0; i < n; i++) w[i] = Math.max(w[i], r.get(i).length());
        }
        for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], HEADER.get(i).length());
        StringBuilder sb = new StringBuilder();
        header(sb, peak, notes, "");
        line(sb, HEADER, w);
        for (List<String> r : cells) line(sb, r, w);
        return sb.toString();
    }

    static String markdown(Map<RowSpec, List<ContenderStats>> table, double peak, List<String> notes) {
        StringBuilder sb = new StringBuilder();
        header(sb, peak, notes, "- ");
        sb.append('\n').append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        sb.append("|").append("---|".repeat(HEADER.size())).append('\n');
        for (List<String> r : cells(table, peak)) sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        return sb.toString();
    }

    private static void header(StringBuilder sb, double peak, List<String> notes, String bullet) {
        for (String n : notes) sb.append(bullet).append(n).append('\n');
        sb.append(bullet).append("sgemm peak (best median on ").append(Report.PEAK_ROW).append(" this run): ")
                .append(Double.isNaN(peak) ? "not measured" : fmt(peak) + " GFLOP/s").append('\n');
        sb.append(bullet).append("seqlearn speedup = median over rounds of (peer ms / seqlearn ms) within the round;"
                + " > 1 means seqlearn is faster\n");
    }

    private static void line(StringBuilder sb, List<String> r, int[] w) {
        if (r.get(3).isEmpty() && !r.get(2).isEmpty() && !r.equals(HEADER)) {
            sb.append(pad(r.get(0), w[0])).append("  ").append(pad(r.get(1), w[1])).append("  ").append(r.get(2)).append('\n');
            return;
        }
        for (int i = 0; i < w.length; i++) {
            String c = r.get(i);
            sb.append(i < 2 ? pad(c, w[i]) : " ".repeat(w[i] - c.length()) + c).append("  ");
        }
        sb.setLength(sb.length() - 2);
        sb.append('\n');
    }

    private static String pad(String s, int w) { return s + " ".repeat(w - s.length()); }

    static List<List<String>> cells(Map<RowSpec, List<ContenderStats>> table, double peak) {
        List<List<String>> rows = new ArrayList<>();
        for (var e : table.entrySet()) {
            boolean first = true;
            for (ContenderStats s : e.getValue()) {
                rows.add(cells(first ? e.getKey().name() : "", s, peak));
                first = false;
            }
        }
        return rows;
    }

    private static List<String> cells(String row, ContenderStats s, double peak) {
        if (!s.timed()) {
            String why = s.na() != null ? "n/a (" + s.na() + ")" : "failed (" + s.error() + ")";
            List<String> r = new ArrayList<>(List.of(row, s.contender(), why));
            while (r.size() < HEADER.size()) r.add("");
            return r;
        }
        String speed = s.contender().equals("seqlearn") ? ""
                : Double.isNaN(s.speedup()) ? "n/a" : String.format(Locale.ROOT, "%.2f× (%d round%s)", s.speedup(), s.pairedRounds(), s.pairedRounds() == 1 ? "" : "s");
        return List.of(row, s.contender(), fmt(s.medianMs()), fmt(s.minMs()) + "–" + fmt(s.maxMs()),
                Double.isNaN(s.gflops()) ? "" : fmt(s.gflops()),
                Double.isNaN(s.gflops()) || Double.isNaN(peak) ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * s.gflops() / peak),
                Double.isNaN(s.tokensPerS()) ? "" : String.format(Locale.ROOT, "%,.0f", s.tokensPerS()),
                s.heapMb() < 0 ? "" : Long.toString(s.heapMb()), s.rssMb() < 0 ? "" : Long.toString(s.rssMb()), speed);
    }

    /** Three significant figures, no exponent. */
    static String fmt(double v) {
        if (Double.isNaN(v)) return "";
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }
}
