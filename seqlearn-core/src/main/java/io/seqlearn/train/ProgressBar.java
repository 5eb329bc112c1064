package io.seqlearn.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keras-style console progress for one epoch at a time:
 * <pre>
 * Epoch 3/10
 *  12/50 [=======>......................] - ETA: 3s - loss: 0.4123 - accuracy: 0.8100 - 1520 tokens/s
 *  50/50 [==============================] - 4s 80ms/step - loss: 0.3990 - val_loss: 0.4210 - 1490 tokens/s
 * </pre>
 * Hand-written (≈100 lines) rather than {@code me.tongfei:progressbar}: that library draws one counter with
 * jline terminal detection, while a training bar needs live loss/metric fields, tokens/s and a plain
 * one-line-per-epoch mode for logs and CI; it would also have been a new dependency. The bar redraws with
 * '\r' at most every {@value #REDRAW_NANOS} ns; {@link Verbosity#ONE_LINE_PER_EPOCH} prints only the final line.
 */
public final class ProgressBar {
    static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final Verbosity verbosity;
    private final LongSupplier clock;
    private int steps;
    private int epoch;
    private int epochs;
    private long start;
    private long lastDraw;

    /** {@code clock} returns nanoseconds (System::nanoTime; tests pass a fake). */
    /** Steps reported so far in this epoch (by {@link #update}). */
    private int done;

    public ProgressBar(PrintStream out, Verbosity verbosity, LongSupplier clock) {
        this.out = out;
        this.verbosity = verbosity;
        this.clock = clock;
    }

    public ProgressBar(PrintStream out, Verbosity verbosity) { this(out, verbosity, System::nanoTime); }

    /** Starts epoch {@code epoch} (0-based) of {@code epochs} with {@code steps} batches. */
    public void epochBegin(int epoch, int epochs, int steps) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.steps = steps;
        this.done = 0;
        this.start = clock.getAsLong();
        this.lastDraw = Long.MIN_VALUE;
        if (verbosity == Verbosity.PROGRESS_BAR) out.println("Epoch " + (epoch + 1) + "/" + epochs);
    }

    /** After step {@code done} (1-based count) with running logs and the samples/tokens seen so far. */
    public void update(int done, Map<String, Double> logs, long samples, long tokens) {
        this.done = done;
        if (verbosity != Verbosity.PROGRESS_BAR) return;
        long now = clock.getAsLong();
        if (done < steps && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        double eta = done == 0 ? 0 : elapsed / done * (steps - done);
        out.print("\r" + counter(done) + " " + bar(done) + " - ETA: " + duration(eta) + fields(logs)
                + rate(samples, tokens, elapsed));
        out.flush();
    }

    /**
     * Ends the epoch with its final logs (including validation). An epoch cut short (a wall-clock budget)
     * shows the steps it really ran, e.g. 120/948, not a full bar.
     */
    public void epochEnd(Map<String, Double> logs, long samples, long tokens) {
        if (verbosity == Verbosity.SILENT) return;
        double elapsed = (clock.getAsLong() - start) / 1e9;
        int ran = done > 0 ? Math.min(done, steps) : steps;
        String perStep = ran == 0 ? "" : " " + Math.round(elapsed * 1000 / ran) + "ms/step";
        String line = counter(ran) + " " + bar(ran) + " - " + duration(elapsed) + perStep + fields(logs)
                + rate(samples, tokens, elapsed);
        if (verbosity == Verbosity.PROGRESS_BAR) out.println("\r" + line);
        else out.println("Epoch " + (epoch + 1) + "/" + epochs + " " + line);
        out.flush();
    }

    private String counter(int done) {
        String total = String.valueOf(steps);
        return " ".repeat(Math.max(0, total.length() - String.valueOf(done).length())) + done + "/" + total;
    }

    static String bar(int done, int steps) {
        int filled = steps == 0 ? WIDTH : (int) ((long) WIDTH * done / steps);
        if (filled >= WIDTH) return "[" + "=".repeat(WIDTH) + "]";
        return "[" + "=".repeat(filled) + ">" + ".".repeat(WIDTH - filled - 1) + "]";
    }

    private String bar(int done) { return bar(done, steps); }

    static String fields(Map<String, Double> logs) {
        StringBuilder sb = new StringBuilder();
        logs.forEach((k, v) -> sb.append(" - ").append(k).append(": ").append(number(v)));
        return sb.toString();
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (v == 0 || !Double.isFinite(v) || (a >= 1e-3 && a < 1e5)) return String.format(Locale.ROOT, "%.4f", v);
        return String.format(Locale.ROOT, "%.3e", v);
    }

    static String rate(long samples, long tokens, double seconds) {
        if (seconds <= 0) return "";
        return tokens > 0 ? " - " + Math.round(tokens / seconds) + " tokens/s" : " - " + Math.round(samples / seconds) + " samples/s";
    }

    /** "3s", "1:02", "1:02:03" as Keras prints durations. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
