package io.seqlearn.cli;

import io.seqlearn.tasks.RunDirectory;
import io.seqlearn.tasks.RunOptions;
import io.seqlearn.tasks.TrainResult;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The summary every {@code train} command prints. */
final class TrainReport {
    private TrainReport() {}

    static Map<String, Object> common(RunOptions run, TrainResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_dir", run.dir().toString());
        m.put("model", run.dir().resolve(RunDirectory.MODEL_FILE).toString());
        m.put("epochs", r.epochs());
        m.put("best_epoch", r.bestEpoch() + 1);
        m.put("seconds", r.seconds());
        m.put("stopped_by", r.stoppedBy());
        Map<String, Double> valid = new LinkedHashMap<>();
        r.bestMetrics().forEach((k, v) -> {
            if (k.startsWith("val_")) valid.put(k, v);
        });
        m.put("valid", valid);
        return m;
    }

    static String line(TrainResult r) {
        return String.format(Locale.ROOT, "Trained %d epoch(s) in %.0f s (stopped by %s); best epoch %d: %s%n",
                r.epochs(), r.seconds(), r.stoppedBy(), r.bestEpoch() + 1, LmReport.metrics(r.bestMetrics()));
    }
}
