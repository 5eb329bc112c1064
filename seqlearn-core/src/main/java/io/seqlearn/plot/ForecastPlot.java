package io.seqlearn.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A time series and a model's forecast of it, as one PNG: the actual values over their whole span and the
 * forecast from {@code forecastStart} on (e.g. the end of the training split), dashed.
 *
 * <pre>{@code ForecastPlot.save(Path.of("forecast.png"), "airline passengers", actual, predicted, 132);}</pre>
 */
public final class ForecastPlot {
    private ForecastPlot() {}

    /**
     * @param actual        observed values at t = 0 … n−1
     * @param forecast      predicted values at t = forecastStart … forecastStart + forecast.length − 1
     * @param forecastStart index in {@code actual}'s time axis where the forecast begins (≥ 0)
     */
    public static void save(Path png, String title, double[] actual, double[] forecast, int forecastStart) throws IOException {
        Png.write(chart(title, actual, forecast, forecastStart), png);
    }

    public static XYChart chart(String title, double[] actual, double[] forecast, int forecastStart) {
        if (actual.length == 0 && forecast.length == 0) throw new IllegalArgumentException("forecast plot: no data");
        if (forecastStart < 0) throw new IllegalArgumentException("forecast plot: forecastStart must be >= 0, got " + forecastStart);
        XYChart c = new XYChartBuilder().width(900).height(420).title(title).xAxisTitle("t").yAxisTitle("value").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        if (actual.length > 0) c.addSeries("actual", range(0, actual.length), actual).setMarker(SeriesMarkers.NONE);
        if (forecast.length > 0) {
            XYSeries f = c.addSeries("forecast", range(forecastStart, forecast.length), forecast);
            f.setMarker(SeriesMarkers.NONE);
            f.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{8f, 5f}, 0f));
        }
        return c;
    }

    private static double[] range(int from, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = from + i;
        return x;
    }
}
