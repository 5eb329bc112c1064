package io.seqlearn.tasks;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.data.series.Scaler;
import io.seqlearn.data.series.TimeSeriesWindows;
import io.seqlearn.tasks.nets.ForecastNet;
import io.seqlearn.tensor.Backends;
import io.seqlearn.tensor.Tensor;

/** Scores a forecaster over every window of a {@link TimeSeriesWindows}, in batches, without gradients. */
final class ForecastMetrics {
    static final int BATCH = 256;

    private ForecastMetrics() {}

    /** MSE/MAE standardised and, through {@code targetScaler}, in original units. */
    static ForecastEval of(ForecastNet net, TimeSeriesWindows w, Scaler targetScaler) {
        int l = w.lookback(), h = w.horizon(), f = w.numFeatures(), k = w.numTargets();
        double se = 0, ae = 0, seO = 0, aeO = 0;
        boolean was = net.isTraining();
        net.train(false);
        try (var g = GradMode.disabled()) {
            for (int from = 0; from < w.size(); from += BATCH) {
                int[] idx = range(from, Math.min(w.size(), from + BATCH));
                float[] x = new float[idx.length * l * f], y = new float[idx.length * h * k];
                w.copyInputs(idx, x);
                w.copyTargets(idx, y);
                float[] p = net.forward(Tensor.wrap(x, Backends.defaultBackend(), idx.length, l, f)).contiguous().toFloatArray();
                for (int i = 0; i < y.length; i++) {
                    double d = p[i] - y[i];
                    se += d * d;
                    ae += Math.abs(d);
                    int col = i % k;
                    double dO = targetScaler.inverseTransform(p[i], col) - targetScaler.inverseTransform(y[i], col);
                    seO += dO * dO;
                    aeO += Math.abs(dO);
                }
            }
        } finally {
            net.train(was);
        }
        double n = (double) w.size() * h * k;
        return new ForecastEval(se / n, ae / n, seO / n, aeO / n, w.size());
    }

    static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) out[i] = from + i;
        return out;
    }
}
