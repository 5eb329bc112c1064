package io.seqlearn.plot;

import io.seqlearn.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes XChart charts as PNG files atomically (temp file, fsync, rename), creating parent directories. */
public final class Png {
    private Png() {}

    /** One chart. */
    public static void write(Chart<?, ?> chart, Path path) throws IOException {
        prepare(path);
        AtomicFiles.write(path, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * Several charts in a grid of {@code cols} columns (rows as needed), each cell the first chart's size;
     * empty cells stay white. (XChart's own grid writer needs exactly rows × cols charts.)
     */
    public static void writeGrid(List<? extends Chart<?, ?>> charts, int cols, Path path) throws IOException {
        if (charts.isEmpty()) throw new IllegalArgumentException("png: no charts to write");
        int w = charts.get(0).getWidth(), h = charts.get(0).getHeight();
        int rows = (charts.size() + cols - 1) / cols;
        BufferedImage grid = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % cols) * w, (i / cols) * h, w, h, null);
            }
        } finally {
            g.dispose();
        }
        prepare(path);
        AtomicFiles.write(path, out -> {
            if (!ImageIO.write(grid, "png", out)) throw new IOException("png: no PNG writer available");
        });
    }

    private static void prepare(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
    }
}
