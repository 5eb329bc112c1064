package io.seqlearn.train;

import io.seqlearn.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes one CSV row per epoch, as {@code keras.callbacks.CSVLogger}: columns "epoch" (0-based, as Keras) then
 * the log keys in sorted order, fixed by the first epoch; missing values are "NA". With {@code append}, rows
 * are added to an existing file (a resumed run). The whole file is rewritten atomically after every epoch,
 * so it is never half-written.
 */
public class CSVLogger implements Callback {
    private final Path file;
    private final String separator;
    private final boolean append;
    private final List<String> lines = new ArrayList<>();
    private List<String> keys;

    public CSVLogger(Path file, String separator, boolean append) {
        this.file = file;
        this.separator = separator;
        this.append = append;
    }

    public CSVLogger(Path file) { this(file, ",", false); }

    @Override
    public void onTrainBegin(FitContext ctx) {
        lines.clear();
        keys = null;
        if (append && Files.exists(file)) {
            try {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("CSVLogger: cannot read " + file + ": " + e.getMessage(), e);
            }
            if (!lines.isEmpty()) {
                List<String> header = List.of(lines.get(0).split(java.util.regex.Pattern.quote(separator), -1));
                keys = header.subList(1, header.size());
            }
        }
    }

    @Override
    public void onEpochEnd(FitContext ctx, int epoch, Map<String, Double> logs) {
        if (keys == null) {
            keys = List.copyOf(new TreeSet<>(logs.keySet()));
            lines.add("epoch" + separator + String.join(separator, keys));
        }
        StringBuilder row = new StringBuilder(String.valueOf(epoch));
        for (String k : keys) {
            Double v = logs.get(k);
            row.append(separator).append(v == null ? "NA" : v.toString());
        }
        lines.add(row.toString());
        try {
            AtomicFiles.write(file, out -> out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
