package io.seqlearn.train;

import io.seqlearn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stops training when a monitored value stops improving, as {@code keras.callbacks.EarlyStopping}: after
 * {@code patience} epochs without an improvement larger than {@code minDelta}, training ends; with
 * {@code restoreBestWeights}, the weights of the best epoch are put back when it stops early (Keras restores
 * only then). Defaults: monitor "val_loss", minDelta 0, patience 0, mode auto, no restore.
 *
 * <pre>{@code new EarlyStopping("val_loss", 0, 3, Monitor.Mode.AUTO, true)}</pre>
 */
public class EarlyStopping implements Callback {
    private final Monitor monitor;
    private final double minDelta;
    private final int patience;
    private final boolean restoreBestWeights;
    private int wait;
    private double best;
    private int bestEpoch = -1;
    private int stoppedEpoch = -1;
    private Map<String, Tensor> bestWeights;

    public EarlyStopping(String monitor, double minDelta, int patience, Monitor.Mode mode, boolean restoreBestWeights) {
        if (patience < 0) throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
        this.monitor = new Monitor(monitor, mode);
        this.minDelta = Math.abs(minDelta);
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
        this.best = this.monitor.worst();
    }

    /** Watches "val_loss" with {@code patience}, restoring the best weights. */
    public EarlyStopping(int patience) { this("val_loss", 0, patience, Monitor.Mode.AUTO, true); }

    @Override
    public void onEpochEnd(FitContext ctx, int epoch, Map<String, Double> logs) {
        Double current = monitor.read(logs, "EarlyStopping", ctx.out());
        if (current == null) return;
        if (restoreBestWeights && bestWeights == null) bestWeights = snapshot(ctx.model());
        wait++;
        if (monitor.improves(current, best, minDelta)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) bestWeights = snapshot(ctx.model());
            wait = 0;
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            ctx.requestStop();
            if (restoreBestWeights && bestWeights != null) {
                ctx.model().loadStateDict(bestWeights, true);
                if (ctx.out() != null) ctx.out().println("EarlyStopping: restoring the weights of epoch " + (bestEpoch + 1));
            }
        }
    }

    @Override
    public void onTrainEnd(FitContext ctx) {
        if (stoppedEpoch >= 0 && ctx.out() != null) ctx.out().println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
    }

    private static Map<String, Tensor> snapshot(Model m) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> copy.put(k, v.detach().copy()));
        return copy;
    }

    /** 0-based index of the best epoch seen, or -1. */
    public int bestEpoch() { return bestEpoch; }

    /** Best monitored value seen. */
    public double best() { return best; }

    /** 0-based epoch at which training was stopped, or -1. */
    public int stoppedEpoch() { return stoppedEpoch; }

    /** Counters and best value; the best weights themselves are not checkpointed. */
    @Override
    public Map<String, Object> state() {
        return Map.of("wait", wait, "best", best, "best_epoch", bestEpoch);
    }

    @Override
    public void restoreState(Map<String, Object> s) {
        wait = ((Number) s.get("wait")).intValue();
        best = JsonSafe.number(s.get("best"));
        bestEpoch = ((Number) s.get("best_epoch")).intValue();
    }
}
