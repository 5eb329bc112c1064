package io.seqlearn.train;

import java.io.PrintStream;
import java.util.Map;

/**
 * A watched log value and which direction is better, shared by EarlyStopping, ReduceLROnPlateau and
 * ModelCheckpoint. Mode "auto" means max for names containing "acc", "auc", "f1", "precision", "recall" or
 * "bleu", else min (Keras' rule, extended to our metric names).
 */
public record Monitor(String key, Mode mode) {
    /** Direction of improvement. */
    public enum Mode { MIN, MAX, AUTO }

    public Monitor {
        if (mode == Mode.AUTO) mode = looksLikeScore(key) ? Mode.MAX : Mode.MIN;
    }

    private static boolean looksLikeScore(String key) {
        String k = key.toLowerCase();
        for (String s : new String[]{"acc", "auc", "f1", "precision", "recall", "bleu"}) if (k.contains(s)) return true;
        return false;
    }

    /** The worst possible value, where "best so far" starts. */
    double worst() { return mode == Mode.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY; }

    /** True when {@code current} beats {@code best} by more than {@code minDelta} (≥ 0). */
    boolean improves(double current, double best, double minDelta) {
        return mode == Mode.MAX ? current - minDelta > best : current + minDelta < best;
    }

    /** The monitored value, or null (with a warning on {@code out}) when the logs lack it. */
    Double read(Map<String, Double> logs, String who, PrintStream out) {
        Double v = logs.get(key);
        if (v == null && out != null) {
            out.println(who + ": monitored value '" + key + "' is not in the logs " + logs.keySet()
                    + (key.startsWith("val_") ? " (no validation data?)" : ""));
        }
        return v;
    }
}
