package io.seqlearn.metrics;

import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * Element-weighted regression metrics over predictions and targets of the same shape (any rank):
 * <ul>
 *   <li>{@link #mae()}: mean |y − p| ("mae");</li>
 *   <li>{@link #mse()}: mean (y − p)² ("mse");</li>
 *   <li>{@link #rmse()}: √mse over everything seen (not the mean of per-batch roots) ("rmse");</li>
 *   <li>{@link #mape()}: 100 · mean |y − p| / max(|y|, 1e-7), Keras' definition ("mape").</li>
 * </ul>
 * All are means over every element seen since the last reset, so batching does not change them.
 */
public final class RegressionMetric implements Metric {
    private enum Kind { MAE, MSE, RMSE, MAPE }

    private static final double MAPE_EPS = 1e-7;
    private final Kind kind;
    private double sum;
    private long count;

    private RegressionMetric(Kind kind) { this.kind = kind; }

    public static RegressionMetric mae() { return new RegressionMetric(Kind.MAE); }

    public static RegressionMetric mse() { return new RegressionMetric(Kind.MSE); }

    public static RegressionMetric rmse() { return new RegressionMetric(Kind.RMSE); }

    public static RegressionMetric mape() { return new RegressionMetric(Kind.MAPE); }

    @Override
    public void update(Tensor prediction, Tensor target) {
        if (!Shapes.same(prediction.shapeRef(), target.shapeRef())) {
            throw new ShapeException(name() + ": target expected " + Shapes.str(prediction.shapeRef())
                    + " (the prediction's shape), got " + Shapes.str(target.shapeRef()));
        }
        Tensor p = prediction.contiguousNoGrad(), t = target.contiguousNoGrad();
        for (int i = 0, n = p.numel(); i < n; i++) {
            double y = t.at(t.offset() + i), d = y - p.at(p.offset() + i);
            sum += switch (kind) {
                case MAE -> Math.abs(d);
                case MSE, RMSE -> d * d;
                case MAPE -> 100 * Math.abs(d) / Math.max(Math.abs(y), MAPE_EPS);
            };
        }
        count += p.numel();
    }

    @Override
    public double result() {
        if (count == 0) return Double.NaN;
        double mean = sum / count;
        return kind == Kind.RMSE ? Math.sqrt(mean) : mean;
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public String name() { return kind.name().toLowerCase(); }
}
