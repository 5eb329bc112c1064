package io.seqlearn.tasks;

import io.seqlearn.train.Verbosity;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a training run reports.
 *
 * @param dir       run directory to write (model file, config, history, charts), or null for none
 * @param out       progress output (the CLI uses stderr, keeping stdout for results)
 * @param verbosity progress bar, one line per epoch, or silent
 * @param extra     more entries for {@code config.json} (e.g. the command line)
 */
public record RunOptions(Path dir, PrintStream out, Verbosity verbosity, Map<String, Object> extra) {
    public RunOptions {
        extra = Map.copyOf(extra);
    }

    /** No directory, no output: for tests and library use. */
    public static RunOptions quiet() {
        return new RunOptions(null, new PrintStream(OutputStream.nullOutputStream()), Verbosity.SILENT, Map.of());
    }

    /** A progress bar on stderr and a run directory. */
    public static RunOptions to(Path dir) { return new RunOptions(dir, System.err, Verbosity.PROGRESS_BAR, Map.of()); }

    public RunOptions withVerbosity(Verbosity v) { return new RunOptions(dir, out, v, extra); }

    public RunOptions withOut(PrintStream o) { return new RunOptions(dir, o, verbosity, extra); }

    public RunOptions withExtra(Map<String, Object> e) { return new RunOptions(dir, out, verbosity, e); }
}
