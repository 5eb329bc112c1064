package io.seqlearn.train;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now;

    private String text() { return bytes.toString(StandardCharsets.UTF_8); }

    private static Map<String, Double> logs(double loss) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("accuracy", 0.5);
        return m;
    }

    /** Steps 1..n of 8 samples each, {@code nanos} apart, with loss 1/i. */
    private void steps(ProgressBar bar, int n, long nanos) {
        for (int i = 1; i <= n; i++) {
            now += nanos;
            bar.update(i, logs(1.0 / i), i * 8L, 0);
        }
    }

    @Test void barShowsStepsEtaRunningLogsAndTokensPerSecond() {
        ProgressBar bar = new ProgressBar(out, Verbosity.PROGRESS_BAR, () -> now);
        bar.epochBegin(2, 10, 4);
        now = 1_000_000_000L;
        bar.update(1, logs(0.9), 32, 640);
        now += 50_000_000L;
        bar.update(2, logs(0.8), 64, 1280);  // within 100 ms: not redrawn
        now = 2_000_000_000L;
        bar.update(3, logs(0.7), 96, 1920);
        now = 4_000_000_000L;
        bar.update(4, logs(0.6), 128, 2560);
        bar.epochEnd(logs(0.6), 128, 2560);
        assertEquals("Epoch 3/10\n"
                + "\r1/4 [=======>......................] - ETA: 3s - loss: 0.9000 - accuracy: 0.5000 - 640 tokens/s"
                + "\r3/4 [======================>.......] - ETA: 1s - loss: 0.7000 - accuracy: 0.5000 - 960 tokens/s"
                + "\r4/4 [==============================] - ETA: 0s - loss: 0.6000 - accuracy: 0.5000 - 640 tokens/s"
                + "\r4/4 [==============================] - 4s 1000ms/step - loss: 0.6000 - accuracy: 0.5000 - 640 tokens/s\n", text());
    }

    @Test void anEpochCutShortShowsTheStepsItRan() {
        ProgressBar bar = new ProgressBar(out, Verbosity.ONE_LINE_PER_EPOCH, () -> now);
        bar.epochBegin(0, 1, 10);
        steps(bar, 4, 250_000_000L);
        bar.epochEnd(logs(0.25), 32, 0);   // e.g. the wall-clock budget ran out after 4 of 10 steps
        assertEquals("Epoch 1/1  4/10 [============>.................] - 1s 250ms/step - loss: 0.2500 - accuracy: 0.5000 - 32 samples/s\n", text());
    }

    @Test void oneLinePerEpochForLogsAndSilentMode() {
        ProgressBar bar = new ProgressBar(out, Verbosity.ONE_LINE_PER_EPOCH, () -> now);
        bar.epochBegin(0, 2, 10);
        steps(bar, 10, 200_000_000L);
        bar.epochEnd(logs(0.1), 80, 0);
        assertEquals("Epoch 1/2 10/10 [==============================] - 2s 200ms/step - loss: 0.1000 - accuracy: 0.5000 - 40 samples/s\n", text());
        bytes.reset();
        ProgressBar quiet = new ProgressBar(out, Verbosity.SILENT, () -> now);
        quiet.epochBegin(0, 1, 1);
        quiet.update(1, logs(1), 1, 0);
        quiet.epochEnd(logs(1), 1, 0);
        assertEquals("", text());
    }

    @Test void formats() {
        assertEquals("59s", ProgressBar.duration(59.4));
        assertEquals("1:02", ProgressBar.duration(62));
        assertEquals("1:01:01", ProgressBar.duration(3661));
        assertEquals("1.235e-05", ProgressBar.number(1.2345e-5));
        assertEquals("NaN", ProgressBar.number(Double.NaN));
        assertEquals("[>.............................]", ProgressBar.bar(0, 5));
    }

    @Test void fitPrintsThroughTheConfiguredStream() {
        var d = SequentialTest.regression(16, 1);
        Sequential m = new Sequential(new io.seqlearn.layers.Dense(1));
        m.compile(p -> new io.seqlearn.optim.SGD(p, 0.01), new io.seqlearn.loss.MSELoss());
        m.fit(d[0], d[1], FitOptions.defaults().withEpochs(2).withBatchSize(8).withOut(out).withVerbosity(Verbosity.ONE_LINE_PER_EPOCH));
        String[] lines = text().split("\n");
        assertEquals(2, lines.length, text());
        assertTrue(lines[1].startsWith("Epoch 2/2 2/2 [==============================] - "), lines[1]);
        assertTrue(lines[1].contains(" - loss: ") && lines[1].endsWith("samples/s"), lines[1]);
    }
}
