package io.seqlearn.data.series;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TimeSeriesWindowsTest {
    /** Row r, column c holds 10·r + c, so every value says where it came from. */
    static double[][] series(int rows, int cols) {
        double[][] s = new double[rows][cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) s[r][c] = 10 * r + c;
        return s;
    }

    @Test
    void windowCountFollowsTheKerasFormula() {
        // (rows - lookback - horizon) / stride + 1
        assertEquals(10 - 3 - 2 + 1, TimeSeriesWindows.of(series(10, 2), TimeSeriesWindows.Options.of(3, 2)).size());
        assertEquals((10 - 3 - 2) / 2 + 1, TimeSeriesWindows.of(series(10, 2), TimeSeriesWindows.Options.of(3, 2).withStride(2)).size());
        assertEquals(1, TimeSeriesWindows.of(series(5, 1), TimeSeriesWindows.Options.of(3, 2)).size());
    }

    @Test
    void inputsAndTargetsAreTheRightRowsAndColumns() {
        TimeSeriesWindows w = TimeSeriesWindows.of(series(10, 3),
                TimeSeriesWindows.Options.of(3, 2).withStride(2).withFeatureColumns(0, 1).withTargetColumns(2));
        assertEquals(2, w.numFeatures());
        assertEquals(1, w.numTargets());
        // window 1 starts at row 2: inputs rows 2..4, targets rows 5..6 of column 2
        assertEquals(2, w.startRow(1));
        assertArrayEquals(new float[][] {{20, 21}, {30, 31}, {40, 41}}, w.input(1));
        assertArrayEquals(new float[][] {{52}, {62}}, w.target(1));
    }

    @Test
    void rangesOffsetTheWindows() {
        TimeSeriesWindows w = TimeSeriesWindows.of(series(20, 1), new RowRange(5, 12), TimeSeriesWindows.Options.of(4, 1));
        assertEquals(3, w.size());
        assertEquals(5, w.startRow(0));
        assertArrayEquals(new float[][] {{50}, {60}, {70}, {80}}, w.input(0));
        assertArrayEquals(new float[][] {{110}}, w.target(2), "the last target is the range's last row, 11");
    }

    @Test
    void batchCopiesMatchTheMaterialisedArrays() {
        TimeSeriesWindows w = TimeSeriesWindows.of(series(30, 3), TimeSeriesWindows.Options.of(5, 3).withTargetColumns(2, 0));
        WindowArrays all = w.toArrays();
        int[] batch = {7, 0, 21};
        float[] in = new float[batch.length * 5 * 3];
        float[] out = new float[batch.length * 3 * 2];
        w.copyInputs(batch, in);
        w.copyTargets(batch, out);
        for (int b = 0; b < batch.length; b++) {
            for (int t = 0; t < 5; t++) for (int f = 0; f < 3; f++) assertEquals(all.inputs()[batch[b]][t][f], in[(b * 5 + t) * 3 + f]);
            for (int t = 0; t < 3; t++) for (int k = 0; k < 2; k++) assertEquals(all.targets()[batch[b]][t][k], out[(b * 3 + t) * 2 + k]);
        }
        assertEquals(w.size(), all.inputs().length);
    }

    @Test
    void errorsNameTheNumbers() {
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> TimeSeriesWindows.of(series(150, 1), TimeSeriesWindows.Options.of(200, 1)));
        assertEquals("windows: lookback 200 is longer than the series (150 rows)", a.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> TimeSeriesWindows.of(series(100, 1), TimeSeriesWindows.Options.of(96, 24)));
        assertEquals("windows: lookback 96 + horizon 24 = 120 rows are needed, the series has 100", b.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> TimeSeriesWindows.of(series(10, 2), TimeSeriesWindows.Options.of(2, 1).withTargetColumns(2)));
        assertEquals("windows: target column 2 out of range [0, 2)", c.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeSeriesWindows.Options.of(0, 1));
        TimeSeriesWindows w = TimeSeriesWindows.of(series(10, 1), TimeSeriesWindows.Options.of(2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> w.input(w.size()));
        assertThrows(IllegalArgumentException.class, () -> w.copyInputs(new int[] {0, 1}, new float[3]));
    }
}
