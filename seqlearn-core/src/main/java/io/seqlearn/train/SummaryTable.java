package io.seqlearn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats {@code model.summary()} as Keras 2 prints it: a title, one row per layer (name and type, output
 * shape, parameter count, and for functional models the inputs it is connected to), then the totals with
 * their size in memory.
 */
final class SummaryTable {
    private final String title;
    private final List<String> headers;
    private final int[] stops;
    private final List<String[]> rows = new ArrayList<>();

    /** {@code stops}: the end column of each field, as Keras' {@code positions} × line length. */
    SummaryTable(String title, List<String> headers, int... stops) {
        this.title = title;
        this.headers = headers;
        this.stops = stops;
    }

    static SummaryTable sequential(String modelName) {
        return new SummaryTable(modelName, List.of("Layer (type)", "Output Shape", "Param #"), 29, 55, 65);
    }

    static SummaryTable functional(String modelName) {
        return new SummaryTable(modelName, List.of("Layer (type)", "Output Shape", "Param #", "Connected to"), 32, 57, 69, 98);
    }

    /** Adds a row; {@code cells} match the headers. */
    void row(String... cells) { rows.add(cells); }

    /** The whole table; parameter sizes assume {@code bytesPerParam} (4 for F32). */
    String render(long trainable, long nonTrainable, int bytesPerParam) {
        int width = stops[stops.length - 1];
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(title).append("\"\n");
        sb.append("_".repeat(width)).append('\n');
        sb.append(line(headers.toArray(new String[0]))).append('\n');
        sb.append("=".repeat(width)).append('\n');
        for (String[] row : rows) sb.append(line(row)).append("\n\n");
        sb.append("=".repeat(width)).append('\n');
        long total = trainable + nonTrainable;
        sb.append("Total params: ").append(total).append(" (").append(size(total * bytesPerParam)).append(")\n");
        sb.append("Trainable params: ").append(trainable).append(" (").append(size(trainable * bytesPerParam)).append(")\n");
        sb.append("Non-trainable params: ").append(nonTrainable).append(" (").append(size(nonTrainable * bytesPerParam)).append(")\n");
        sb.append("_".repeat(width)).append('\n');
        return sb.toString();
    }

    private String line(String[] cells) {
        StringBuilder sb = new StringBuilder();
        int start = 0;
        for (int i = 0; i < stops.length; i++) {
            // Keras 2: the first field has a leading space; every field is cut to leave one space before the next.
            String cell = (i == 0 ? " " : "") + (i < cells.length ? cells[i] : "");
            int room = stops[i] - start;
            if (cell.length() >= room) cell = cell.substring(0, Math.max(0, room - 2)) + "… ";
            sb.append(cell).append(" ".repeat(Math.max(0, room - cell.length())));
            start = stops[i];
        }
        return sb.toString().stripTrailing();
    }

    /** "164.00 Byte", "1.21 KB", "3.40 MB" (1024-based, as Keras). */
    static String size(long bytes) {
        String[] units = {"Byte", "KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }
}
