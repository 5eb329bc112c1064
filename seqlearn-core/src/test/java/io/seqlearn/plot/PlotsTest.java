package io.seqlearn.plot;

import io.seqlearn.tensor.Tensor;
import io.seqlearn.train.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class PlotsTest {
    @TempDir Path dir;

    static History history() {
        History h = new History();
        for (int e = 0; e < 12; e++) {
            double loss = 2.0 * Math.exp(-e / 4.0) + 0.1;
            h.append(e, Map.of("loss", loss, "val_loss", loss * 1.1 + 0.02 * Math.max(0, e - 7),
                    "accuracy", 1 - loss / 2.5, "val_accuracy", 1 - loss / 2.3, "learning_rate", e < 8 ? 1e-3 : 1e-4));
        }
        return h;
    }

    /** Distinct colours in the image: a blank or failed render has one or two. */
    static int colours(BufferedImage img) {
        Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) for (int x = 0; x < img.getWidth(); x += 2) c.add(img.getRGB(x, y));
        return c.size();
    }

    @Test void historyPlotHasAPanelPerQuantityWithTrainAndValidation() throws Exception {
        History h = history();
        assertEquals(Map.of("loss", Map.of("train", "loss", "validation", "val_loss"),
                "accuracy", Map.of("train", "accuracy", "validation", "val_accuracy")), HistoryPlot.panels(h));
        var charts = HistoryPlot.charts(h);
        assertEquals(List.of("loss", "accuracy", "learning_rate"), charts.stream().map(c -> c.getTitle()).toList());
        assertEquals(Set.of("train", "validation"), charts.get(0).getSeriesMap().keySet());
        Path png = dir.resolve("plots/history.png");
        HistoryPlot.save(h, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(2 * HistoryPlot.PANEL_WIDTH, img.getWidth());
        assertEquals(2 * HistoryPlot.PANEL_HEIGHT, img.getHeight());
        assertTrue(colours(img) > 20, "rendered curves");
        assertThrows(IllegalArgumentException.class, () -> HistoryPlot.save(new History(), png));
    }

    @Test void forecastAndAttentionPlots() throws Exception {
        double[] actual = new double[144];
        for (int t = 0; t < actual.length; t++) actual[t] = 100 + t + 30 * Math.sin(2 * Math.PI * t / 12);
        double[] forecast = new double[24];
        for (int i = 0; i < 24; i++) forecast[i] = actual[120 + i] + 5 * Math.cos(i);
        Path f = dir.resolve("forecast.png");
        ForecastPlot.save(f, "airline-like series", actual, forecast, 120);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(900, img.getWidth());
        assertTrue(colours(img) > 10);

        Tensor w = Tensor.of(new double[]{0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.05, 0.15, 0.8}, 3, 3);
        Path a = dir.resolve("attention.png");
        AttentionHeatmap.save(a, w, List.of("le", "chat", "le"), List.of("the", "cat", "the"));
        assertTrue(colours(ImageIO.read(a.toFile())) > 10);
        assertEquals(List.of("le", "chat", "le·2"), AttentionHeatmap.unique(List.of("le", "chat", "le")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttentionHeatmap.save(a, w, List.of("a", "b"), List.of("x", "y", "z")));
        assertEquals("attention heatmap: weights are (3, 3) but there are 3 query and 2 key labels", e.getMessage());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
        String out = System.getProperty("seqlearn.plot.out");
        if (out != null) {  // for looking at the images by hand: -Dseqlearn.plot.out=/tmp/plots
            Path o = Path.of(out);
            Files.createDirectories(o);
            HistoryPlot.save(history(), o.resolve("history.png"));
            Files.copy(f, o.resolve("forecast.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(a, o.resolve("attention.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
