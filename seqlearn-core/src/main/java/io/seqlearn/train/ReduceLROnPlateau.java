package io.seqlearn.train;

import io.seqlearn.optim.Optimizer;

import java.util.Map;

/**
 * Multiplies the learning rate by {@code factor} when a monitored value has not improved for
 * {@code patience} epochs, as {@code keras.callbacks.ReduceLROnPlateau}: new lr = max(lr · factor, minLr),
 * then {@code cooldown} epochs without counting. Improvement means beating the best by more than
 * {@code minDelta}. Keras defaults: monitor "val_loss", factor 0.1, patience 10, minDelta 1e-4, cooldown 0,
 * minLr 0.
 */
public class ReduceLROnPlateau implements Callback {
    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final double minDelta;
    private final int cooldown;
    private final double minLr;
    private double best;
    private int wait;
    private int cooldownCounter;

    public ReduceLROnPlateau(String monitor, double factor, int patience, double minDelta, int cooldown, double minLr,
                             Monitor.Mode mode) {
        if (!(factor > 0 && factor < 1)) throw new IllegalArgumentException("ReduceLROnPlateau: factor must be in (0, 1), got " + factor);
        if (patience < 0 || cooldown < 0) throw new IllegalArgumentException("ReduceLROnPlateau: patience and cooldown must be >= 0");
        this.monitor = new Monitor(monitor, mode);
        this.factor = factor;
        this.patience = patience;
        this.minDelta = Math.abs(minDelta);
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.best = this.monitor.worst();
    }

    /** Keras defaults. */
    public ReduceLROnPlateau() { this("val_loss", 0.1, 10, 1e-4, 0, 0, Monitor.Mode.AUTO); }

    @Override
    public void onEpochEnd(FitContext ctx, int epoch, Map<String, Double> logs) {
        Double current = monitor.read(logs, "ReduceLROnPlateau", ctx.out());
        if (current == null) return;
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (monitor.improves(current, best, minDelta)) {
            best = current;
            wait = 0;
        } else if (cooldownCounter == 0) {
            wait++;
            if (wait >= patience) {
                Optimizer opt = ctx.optimizer();
                double old = opt.learningRate();
                if (old > minLr) {
                    double lr = Math.max(old * factor, minLr);
                    opt.setLearningRate(lr);
                    if (ctx.out() != null) ctx.out().println("Epoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to " + lr);
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }

    @Override
    public Map<String, Object> state() { return Map.of("best", best, "wait", wait, "cooldown_counter", cooldownCounter); }

    @Override
    public void restoreState(Map<String, Object> s) {
        best = JsonSafe.number(s.get("best"));
        wait = ((Number) s.get("wait")).intValue();
        cooldownCounter = ((Number) s.get("cooldown_counter")).intValue();
    }
}
