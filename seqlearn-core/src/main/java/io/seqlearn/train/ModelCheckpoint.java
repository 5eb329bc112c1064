package io.seqlearn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Saves the model at the end of epochs, as {@code keras.callbacks.ModelCheckpoint}: every epoch, or with
 * {@code saveBestOnly} only when the monitored value improves. The path may hold {@code {epoch:02d}} and log
 * fields ({@code {val_loss:.4f}}). By default it writes a full checkpoint (weights, optimizer, trainer and
 * callback state — resumable bit for bit; place this callback last so the others' state of this epoch is
 * included); {@code weightsOnly} writes a plain model file instead. Files are written atomically.
 *
 * <pre>{@code new ModelCheckpoint("runs/best.safetensors", "val_loss", true, Monitor.Mode.AUTO, false)}</pre>
 */
public class ModelCheckpoint implements Callback {
    private final String template;
    private final Monitor monitor;
    private final boolean saveBestOnly;
    private final boolean weightsOnly;
    private double best;
    private Path lastSaved;

    public ModelCheckpoint(String path, String monitor, boolean saveBestOnly, Monitor.Mode mode, boolean weightsOnly) {
        this.template = path;
        this.monitor = new Monitor(monitor, mode);
        this.saveBestOnly = saveBestOnly;
        this.weightsOnly = weightsOnly;
        this.best = this.monitor.worst();
    }

    /** A checkpoint every epoch at {@code path} (use {@code {epoch:02d}} in it to keep them all). */
    public ModelCheckpoint(String path) { this(path, "val_loss", false, Monitor.Mode.AUTO, false); }

    @Override
    public void onEpochEnd(FitContext ctx, int epoch, Map<String, Double> logs) {
        if (saveBestOnly) {
            Double current = monitor.read(logs, "ModelCheckpoint", ctx.out());
            if (current == null || !monitor.improves(current, best, 0)) return;
            best = current;
        }
        Path path = Path.of(PathTemplate.format(template, epoch, logs));
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) java.nio.file.Files.createDirectories(parent);
            if (weightsOnly) ctx.model().save(path);
            else ctx.model().saveCheckpoint(path, ctx.options().callbacks());
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot write " + path + ": " + e.getMessage(), e);
        }
        lastSaved = path;
    }

    /** The file written last, or null. */
    public Path lastSaved() { return lastSaved; }

    @Override
    public Map<String, Object> state() { return Map.of("best", best); }

    @Override
    public void restoreState(Map<String, Object> s) { best = JsonSafe.number(s.get("best")); }
}
