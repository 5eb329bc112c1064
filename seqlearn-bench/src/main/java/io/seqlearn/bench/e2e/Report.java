package io.seqlearn.bench.e2e;

import io.seqlearn.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report step of bench/run: reads bench/rows.tsv and the run's results.jsonl, prints one table (per row
 * and contender: median ms/step with min–max, GFLOP/s and its fraction of the machine's sgemm peak,
 * tokens/s for end-to-end rows, peak heap and RSS, seqlearn's paired speedup over each peer) and writes the
 * same as report.json, report.md and a bar chart report.png into the output folder.
 *
 * <p>Usage: {@code Report ROWS_TSV RESULTS_JSONL OUT_DIR [note...]}; each note is printed in the header
 * (threads, versions, command line).
 */
public final class Report {
    /** The contenders in the order they are listed. */
    static final List<String> CONTENDERS = List.of("seqlearn", "pytorch", "dl4j-passive", "dl4j");
    /** The row whose best median GFLOP/s is taken as the machine's sgemm peak (the roofline). */
    static final String PEAK_ROW = "sgemm-2048";

    private Report() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3) throw new IllegalArgumentException("usage: Report ROWS_TSV RESULTS_JSONL OUT_DIR [note...]");
        List<RowSpec> specs = RowSpec.read(Path.of(args[0]));
        List<RunResult> results = RunResult.read(Path.of(args[1]));
        Path out = Path.of(args[2]);
        List<String> notes = new ArrayList<>(List.of(args).subList(3, args.length));
        notes.addFirst("machine: " + Machine.describe());
        Map<RowSpec, List<ContenderStats>> table = build(specs, results);
        double peak = peak(table);
        String text = ReportTable.text(table, peak, notes);
        System.out.print(text);
        Files.createDirectories(out);
        write(out.resolve("report.txt"), text.getBytes(StandardCharsets.UTF_8));
        write(out.resolve("report.md"), ReportTable.markdown(table, peak, notes).getBytes(StandardCharsets.UTF_8));
        write(out.resolve("report.json"), ReportJson.of(table, peak, notes).getBytes(StandardCharsets.UTF_8));
        write(out.resolve("report.png"), ReportChart.png(table));
        System.out.println("wrote " + out.resolve("report.{txt,md,json,png}"));
    }

    /** Temp file, fsync, rename: a reader never sees half a report. */
    private static void write(Path target, byte[] bytes) throws IOException {
        AtomicFiles.write(target, o -> o.write(bytes));
    }

    /** Rows that have at least one result, in rows.tsv order, each with its contenders in listing order. */
    static Map<RowSpec, List<ContenderStats>> build(List<RowSpec> specs, List<RunResult> results) {
        Map<RowSpec, List<ContenderStats>> table = new LinkedHashMap<>();
        for (RowSpec spec : specs) {
            List<RunResult> rowResults = results.stream().filter(r -> r.row().equals(spec.name())).toList();
            if (rowResults.isEmpty()) continue;
            List<RunResult> seq = byContender(rowResults, "seqlearn"), py = byContender(rowResults, "pytorch");
            List<ContenderStats> stats = new ArrayList<>();
            for (String c : CONTENDERS) {
                List<RunResult> runs = byContender(rowResults, c);
                if (!runs.isEmpty()) stats.add(ContenderStats.of(spec, c, runs, seq, py));
            }
            table.put(spec, stats);
        }
        return table;
    }

    private static List<RunResult> byContender(List<RunResult> rs, String c) {
        return rs.stream().filter(r -> r.contender().equals(c)).toList();
    }

    /** The best median GFLOP/s of any contender on {@link #PEAK_ROW}, NaN when that row was not run. */
    static double peak(Map<RowSpec, List<ContenderStats>> table) {
        double best = Double.NaN;
        for (var e : table.entrySet()) {
            if (!e.getKey().name().equals(PEAK_ROW)) continue;
            for (ContenderStats s : e.getValue()) if (s.timed() && !(s.gflops() <= best)) best = s.gflops();
        }
        return best;
    }
}
