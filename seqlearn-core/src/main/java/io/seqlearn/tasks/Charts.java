package io.seqlearn.tasks;

import io.seqlearn.io.AtomicFiles;
import io.seqlearn.train.History;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PNG charts of a run, drawn with XChart (headless: no display needed): training curves, a forecast
 * against the actual series, and an attention heatmap. Files are written atomically.
 */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;

    private Charts() {}

    /** "loss" and "val_loss" by epoch into {@code loss.png}; every other {@code val_*} metric into {@code <key>.png}. */
    public static List<Path> history(History h, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        if (h.size() == 0) return written;
        double[] epochs = h.epochs().stream().mapToDouble(e -> e + 1).toArray();
        XYChart loss = xy("Training curves", "epoch", "loss");
        for (String k : List.of("loss", "val_loss")) if (h.has(k)) line(loss, k, epochs, values(h, k));
        written.add(save(loss, dir.resolve("loss.png")));
        for (String k : h.keys()) {
            if (!k.startsWith("val_") || k.equals("val_loss")) continue;
            XYChart c = xy(k, "epoch", k.substring(4));
            line(c, k, epochs, values(h, k));
            written.add(save(c, dir.resolve(k + ".png")));
        }
        return written;
    }

    /** One series against another over steps, e.g. forecast vs actual; {@code from} is the x of the first point. */
    public static void forecast(String title, double[] actual, double[] predicted, int from, int predictedFrom, Path file)
            throws IOException {
        XYChart c = xy(title, "step", "value");
        line(c, "actual", range(from, actual.length), actual);
        XYSeries p = line(c, "forecast", range(predictedFrom, predicted.length), predicted);
        p.setLineColor(new Color(220, 60, 40));
        save(c, file);
    }

    /**
     * Attention weights (rows: target tokens, columns: source tokens) as a heatmap; each row sums to 1.
     * Token labels are made unique by position so repeated words stay separate cells.
     */
    public static void heatmap(String title, List<String> sourceTokens, List<String> targetTokens, double[][] weights, Path file)
            throws IOException {
        int w = Math.max(480, 60 + 42 * sourceTokens.size()), hgt = Math.max(320, 120 + 30 * targetTokens.size());
        HeatMapChart c = new HeatMapChartBuilder().width(w).height(hgt).title(title).xAxisTitle("source").yAxisTitle("target").build();
        c.getStyler().setRangeColors(new Color[]{Color.WHITE, new Color(30, 80, 180)});
        c.getStyler().setMin(0).setMax(1);
        c.getStyler().setXAxisLabelRotation(60);
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < targetTokens.size(); i++) {
            for (int j = 0; j < sourceTokens.size(); j++) cells.add(new Number[]{j, targetTokens.size() - 1 - i, weights[i][j]});
        }
        List<String> ys = new ArrayList<>(labels(targetTokens));
        java.util.Collections.reverse(ys);
        c.addSeries("attention", labels(sourceTokens), ys, cells);
        save(c, file);
    }

    private static List<String> labels(List<String> tokens) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) out.add(i + ":" + tokens.get(i));
        return out;
    }

    private static XYChart xy(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setMarkerSize(4);
        return c;
    }

    private static XYSeries line(XYChart c, String name, double[] x, double[] y) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(x.length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        return s;
    }

    private static double[] values(History h, String key) {
        return h.get(key).stream().mapToDouble(v -> v == null ? Double.NaN : v).toArray();
    }

    private static double[] range(int from, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = from + i;
        return x;
    }

    private static Path save(Chart<?, ?> chart, Path file) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, out -> out.write(png));
        return file;
    }
}
