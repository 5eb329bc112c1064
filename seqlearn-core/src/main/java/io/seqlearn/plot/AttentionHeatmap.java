package io.seqlearn.plot;

import io.seqlearn.tensor.Tensor;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attention weights as a heat map PNG: one row per query (output) token, one column per key (input) token,
 * colour = weight, as in Bahdanau et al. 2015, Fig. 3. Repeated tokens get a position suffix ("the", "the·2")
 * so every row and column stays distinct.
 *
 * <pre>{@code AttentionHeatmap.save(Path.of("attn.png"), weights, sourceTokens, targetTokens);  // weights (Tq, Tk)}</pre>
 */
public final class AttentionHeatmap {
    private AttentionHeatmap() {}

    /** {@code weights} (Tq, Tk); {@code keys} label the Tk columns, {@code queries} the Tq rows. */
    public static void save(Path png, Tensor weights, List<String> keys, List<String> queries) throws IOException {
        if (weights.rank() != 2) {
            throw new IllegalArgumentException("attention heatmap: weights expected (Tq, Tk), got rank " + weights.rank());
        }
        double[][] w = new double[weights.size(0)][weights.size(1)];
        for (int q = 0; q < w.length; q++) for (int k = 0; k < w[q].length; k++) w[q][k] = weights.get(q, k);
        save(png, w, keys, queries);
    }

    public static void save(Path png, double[][] weights, List<String> keys, List<String> queries) throws IOException {
        Png.write(chart(weights, keys, queries), png);
    }

    public static HeatMapChart chart(double[][] weights, List<String> keys, List<String> queries) {
        int tq = weights.length, tk = tq == 0 ? 0 : weights[0].length;
        if (tq == 0 || tk == 0) throw new IllegalArgumentException("attention heatmap: empty weights");
        if (queries.size() != tq || keys.size() != tk) {
            throw new IllegalArgumentException("attention heatmap: weights are (" + tq + ", " + tk + ") but there are "
                    + queries.size() + " query and " + keys.size() + " key labels");
        }
        HeatMapChart c = new HeatMapChartBuilder().width(Math.max(400, 60 * tk + 200)).height(Math.max(300, 40 * tq + 150))
                .title("attention").xAxisTitle("input").yAxisTitle("output").build();
        c.getStyler().setRangeColors(new Color[]{new Color(255, 255, 255), new Color(66, 133, 244), new Color(13, 42, 99)});
        c.getStyler().setMin(0);
        c.getStyler().setMax(Math.max(1e-12, max(weights)));
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        List<Number[]> cells = new ArrayList<>();
        // Row 0 is drawn at the bottom; flip so the first query token is on top, as in the papers.
        for (int q = 0; q < tq; q++) for (int k = 0; k < tk; k++) cells.add(new Number[]{k, tq - 1 - q, weights[q][k]});
        List<String> rows = new ArrayList<>(unique(queries));
        java.util.Collections.reverse(rows);
        c.addSeries("attention", unique(keys), rows, cells);
        return c;
    }

    private static double max(double[][] w) {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] r : w) for (double v : r) m = Math.max(m, v);
        return m;
    }

    static List<String> unique(List<String> labels) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String l : labels) {
            int n = seen.merge(l, 1, Integer::sum);
            out.add(n == 1 ? l : l + "·" + n);
        }
        return out;
    }
}
