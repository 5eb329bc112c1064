package io.seqlearn.metrics;

import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegressionMetricTest {
    // errors y − p: 1, −2, 0.5, then (second batch) 4
    private final Tensor p1 = Tensor.of(new double[]{1, 4, 1.5}, 3);
    private final Tensor y1 = Tensor.of(new double[]{2, 2, 2}, 3);
    private final Tensor p2 = Tensor.of(new double[]{-4}, 1, 1);
    private final Tensor y2 = Tensor.of(new double[]{0}, 1, 1);

    private double run(RegressionMetric m) {
        m.update(p1, y1);
        m.update(p2, y2);
        return m.result();
    }

    @Test void handComputedOverTwoBatches() {
        assertEquals((1 + 2 + 0.5 + 4) / 4, run(RegressionMetric.mae()), 1e-15);
        assertEquals((1 + 4 + 0.25 + 16) / 4, run(RegressionMetric.mse()), 1e-15);
        assertEquals(Math.sqrt((1 + 4 + 0.25 + 16) / 4), run(RegressionMetric.rmse()), 1e-15);
        // MAPE: 100·(1/2 + 2/2 + 0.5/2 + 4/1e-7) / 4 — a zero target uses Keras' 1e-7 floor
        assertEquals(100 * (0.5 + 1 + 0.25 + 4 / 1e-7) / 4, run(RegressionMetric.mape()), 1e-3);
    }

    @Test void namesResetAndErrors() {
        RegressionMetric m = RegressionMetric.rmse();
        assertEquals("rmse", m.name());
        assertTrue(Double.isNaN(m.result()));
        m.update(p1, y1);
        m.reset();
        assertTrue(Double.isNaN(m.result()));
        var e = assertThrows(ShapeException.class, () -> RegressionMetric.mae().update(p1, y2));
        assertEquals("mae: target expected (3,) (the prediction's shape), got (1, 1)", e.getMessage());
    }
}
