package io.seqlearn.tasks;

import io.seqlearn.io.AtomicFiles;
import io.seqlearn.plot.HistoryPlot;
import io.seqlearn.train.History;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The folder a training run writes:
 * <pre>
 *   model.safetensors   the best checkpoint (rewritten whenever validation improves)
 *   config.json         the recipe config, training settings, data files and command that made it
 *   history.csv         one row per epoch: loss, validation metrics, learning rate, seconds
 *   history.png         training curves ({@link HistoryPlot})
 *   result.json         final metrics (and task-specific files, e.g. sample.txt)
 * </pre>
 */
public final class RunDirectory {
    public static final String MODEL_FILE = "model.safetensors";

    private final Path dir;

    private RunDirectory(Path dir) { this.dir = dir; }

    /** Creates (or reuses) {@code dir}. */
    public static RunDirectory create(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new RunDirectory(dir);
    }

    /** {@code runs/<task>-<yyyyMMdd-HHmmss>} under {@code base}: the CLI's default. */
    public static Path defaultPath(Path base, TaskKind task) { return defaultPath(base, task.id()); }

    /** {@code runs/<name>-<yyyyMMdd-HHmmss>} under {@code base}. */
    public static Path defaultPath(Path base, String name) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        return base.resolve("runs").resolve(name + "-" + stamp);
    }

    public Path dir() { return dir; }

    public Path modelFile() { return dir.resolve(MODEL_FILE); }

    /** Writes {@code config.json}. */
    public void writeConfig(Object config) throws IOException { writeText("config.json", Json.pretty(config)); }

    /** Writes {@code result.json}. */
    public void writeResult(Object result) throws IOException { writeText("result.json", Json.pretty(result)); }

    /** Writes {@code history.csv} and {@code history.png}. */
    public void writeHistory(History h) throws IOException {
        writeText("history.csv", historyCsv(h));
        if (h.size() > 0) HistoryPlot.save(h, dir.resolve("history.png"));
    }

    /** Writes a UTF-8 text file in the run directory, atomically. */
    public void writeText(String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(name), out -> out.write(bytes));
    }

    /** {@code epoch,<keys…>} with 1-based epochs; missing values are empty. */
    public static String historyCsv(History h) {
        List<String> keys = h.keys();
        StringBuilder sb = new StringBuilder("epoch");
        for (String k : keys) sb.append(',').append(k);
        sb.append('\n');
        for (int i = 0; i < h.size(); i++) {
            sb.append(h.epochs().get(i) + 1);
            for (String k : keys) {
                double v = h.get(k).get(i);
                sb.append(',');
                if (!Double.isNaN(v)) sb.append(v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
