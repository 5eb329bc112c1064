package io.seqlearn.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of training every recipe shares: the run directory (config first, so a crashed run still says
 * what it was), the {@link Trainer} with the best checkpoint saved on every improvement, then the history,
 * charts and final model file.
 */
final class RecipeRun {
    /** Saves the model as it is now to a file. */
    @FunctionalInterface
    interface Saver {
        void save(Path file) throws IOException;
    }

    private RecipeRun() {}

    /**
     * Trains and writes the run directory (when {@code run.dir()} is set).
     *
     * @param config what made this run: recipe config, settings, data; extended with {@code run.extra()}
     */
    static TrainResult train(Fitting f, TrainSettings settings, RunOptions run, Map<String, Object> config, Saver saver) {
        try {
            RunDirectory dir = run.dir() == null ? null : RunDirectory.create(run.dir());
            Map<String, Object> all = new LinkedHashMap<>(config);
            all.put("training", settings);
            all.putAll(run.extra());
            if (dir != null) dir.writeConfig(all);
            Trainer trainer = new Trainer(settings, run.out(), run.verbosity());
            TrainResult r = trainer.fit(f, dir == null ? null : (epoch, logs) -> saver.save(dir.modelFile()));
            if (dir != null) {
                dir.writeHistory(r.history());
                saver.save(dir.modelFile());
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the final model (with the complete training summary) into the run directory. */
    static void saveFinal(Saver saver, Path dir) {
        try {
            saver.save(dir.resolve(RunDirectory.MODEL_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The summary kept in the model file's {@code training} blob. */
    static Map<String, Object> summary(TrainSettings s, TrainResult r, Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("settings", s);
        m.put("data", data);
        if (r != null) {
            m.put("epochs", r.epochs());
            m.put("best_epoch", r.bestEpoch() + 1);
            m.put("steps", r.steps());
            m.put("seconds", r.seconds());
            m.put("stopped_by", r.stoppedBy());
            m.put("metrics", r.bestMetrics());
        }
        return m;
    }
}
