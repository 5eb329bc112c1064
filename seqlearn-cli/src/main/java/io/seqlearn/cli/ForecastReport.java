package io.seqlearn.cli;

import io.seqlearn.tasks.ForecastEval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How forecast errors are shown. */
final class ForecastReport {
    private ForecastReport() {}

    static Map<String, Object> map(ForecastEval e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windows", e.windows());
        m.put("mse", e.mse());
        m.put("mae", e.mae());
        m.put("mse_original", e.mseOriginal());
        m.put("mae_original", e.maeOriginal());
        return m;
    }

    static String line(ForecastEval e) {
        return String.format(Locale.ROOT, "MSE %.4f, MAE %.4f (standardised); MSE %.4g, MAE %.4g (original units); %,d windows",
                e.mse(), e.mae(), e.mseOriginal(), e.maeOriginal(), e.windows());
    }
}
