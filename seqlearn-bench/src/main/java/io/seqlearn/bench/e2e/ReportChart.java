package io.seqlearn.bench.e2e;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bar chart: per row, each contender's speed relative to PyTorch (paired per round like the table's
 * speedup; PyTorch = 1, higher is faster). Rows differ by orders of magnitude in ms, so relative speed is
 * what fits one axis. Rows without a PyTorch result are left out; a contender without a result on a row
 * gets no bar there.
 */
final class ReportChart {
    private ReportChart() {}

    static byte[] png(Map<RowSpec, List<ContenderStats>> table) throws IOException {
        List<String> rows = new ArrayList<>();
        for (var e : table.entrySet()) if (find(e.getValue(), "pytorch") != null) rows.add(e.getKey().name());
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 90 * rows.size())).height(560)
                .title("Training/inference speed relative to PyTorch 2.7.1 (higher is faster)")
                .xAxisTitle("row").yAxisTitle("× PyTorch speed").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setOverlapped(false);
        if (rows.isEmpty()) rows.add("(no rows with a PyTorch result)");
        for (String c : Report.CONTENDERS) {
            List<Double> ys = new ArrayList<>();
            boolean any = false;
            for (var e : table.entrySet()) {
                ContenderStats py = find(e.getValue(), "pytorch");
                if (py == null) continue;
                double v = relative(e.getValue(), c);
                any |= !Double.isNaN(v);
                ys.add(Double.isNaN(v) ? 0.0 : v);
            }
            if (any) chart.addSeries(c, rows, ys);
        }
        if (chart.getSeriesMap().isEmpty()) chart.addSeries("none", rows, rows.stream().map(r -> 0.0).toList());
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** Contender c's speed relative to PyTorch on one row (paired by round); NaN when it has no result. */
    private static double relative(List<ContenderStats> stats, String c) {
        ContenderStats s = find(stats, c);
        return s == null || !s.timed() ? Double.NaN : s.vsPytorch();
    }

    private static ContenderStats find(List<ContenderStats> stats, String c) {
        for (ContenderStats s : stats) if (s.contender().equals(c)) return s;
        return null;
    }
}
