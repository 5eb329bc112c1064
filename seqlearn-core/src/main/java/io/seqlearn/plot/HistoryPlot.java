package io.seqlearn.plot;

import io.seqlearn.train.History;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training curves from a {@link History}, as one PNG: a panel per quantity ("loss", "accuracy", …) with the
 * training curve and, when logged, the validation curve ("val_" + name); the learning rate gets its own
 * panel (log scale) when it changed. Epochs on the x axis are 1-based, as the progress bar prints them.
 *
 * <pre>{@code HistoryPlot.save(model.history(), Path.of("runs/history.png"));}</pre>
 */
public final class HistoryPlot {
    static final int PANEL_WIDTH = 560;
    static final int PANEL_HEIGHT = 360;
    private static final String LR = "learning_rate";
    private static final java.awt.Color TRAIN = new java.awt.Color(31, 119, 180);
    private static final java.awt.Color VALIDATION = new java.awt.Color(255, 127, 14);

    private HistoryPlot() {}

    /** Writes the curves of every logged quantity to {@code png}. */
    public static void save(History history, Path png) throws IOException {
        List<XYChart> charts = charts(history);
        Png.writeGrid(charts, Math.min(2, charts.size()), png);
    }

    /** The panels, for callers who want to arrange or style them. */
    public static List<XYChart> charts(History history) {
        if (history.size() == 0) throw new IllegalArgumentException("history plot: no epochs logged");
        double[] epochs = new double[history.size()];
        for (int i = 0; i < epochs.length; i++) epochs[i] = history.epochs().get(i) + 1;
        List<XYChart> charts = new ArrayList<>();
        for (var panel : panels(history).entrySet()) {
            XYChart c = chart(panel.getKey());
            for (String label : List.of("train", "validation")) {
                String key = panel.getValue().get(label);
                if (key != null) add(c, label, epochs, history.get(key), label.equals("train") ? TRAIN : VALIDATION);
            }
            if (!c.getSeriesMap().isEmpty()) charts.add(c);
        }
        if (history.has(LR) && varies(history.get(LR))) {
            XYChart c = chart(LR);
            c.getStyler().setYAxisLogarithmic(true);
            add(c, LR, epochs, history.get(LR), TRAIN);
            charts.add(c);
        }
        return charts;
    }

    /** Panel title → (series label → history key): "loss" → {train: loss, validation: val_loss}. */
    static Map<String, Map<String, String>> panels(History h) {
        Map<String, Map<String, String>> panels = new LinkedHashMap<>();
        if (h.has("loss") || h.has("val_loss")) panels.put("loss", new LinkedHashMap<>());  // loss first
        for (String k : h.keys()) {
            if (k.equals(LR)) continue;
            boolean val = k.startsWith("val_");
            String base = val ? k.substring(4) : k;
            panels.computeIfAbsent(base, b -> new LinkedHashMap<>()).put(val ? "validation" : "train", k);
        }
        return panels;
    }

    private static XYChart chart(String title) {
        XYChart c = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle(title).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setXAxisDecimalPattern("0");
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return c;
    }

    private static void add(XYChart c, String label, double[] x, List<Double> ys, java.awt.Color colour) {
        List<Double> xs = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        for (int i = 0; i < ys.size(); i++) {
            if (Double.isFinite(ys.get(i))) {
                xs.add(x[i]);
                vs.add(ys.get(i));
            }
        }
        if (vs.isEmpty()) return;
        XYSeries s = c.addSeries(label, xs, vs);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
    }

    private static boolean varies(List<Double> v) {
        for (double d : v) if (d != v.get(0)) return true;
        return false;
    }
}
