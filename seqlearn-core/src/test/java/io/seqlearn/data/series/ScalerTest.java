package io.seqlearn.data.series;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ScalerTest {
    private static final double[][] DATA = {{1, 10, 5}, {2, 20, 5}, {3, 30, 5}, {4, 40, 5}, {100, -100, 7}};
    private static final RowRange TRAIN = new RowRange(0, 4);

    @Test
    void standardScalerUsesTrainingRowsAndPopulationStd() {
        StandardScaler s = StandardScaler.fit(DATA, TRAIN);
        assertArrayEquals(new double[] {2.5, 25, 5}, s.mean(), 1e-12);
        // population std of 1,2,3,4 is sqrt(1.25); the constant column gets scale 1
        assertArrayEquals(new double[] {Math.sqrt(1.25), 10 * Math.sqrt(1.25), 1}, s.scale(), 1e-12);
        double[][] z = s.transform(DATA);
        assertEquals((1 - 2.5) / Math.sqrt(1.25), z[0][0], 1e-12);
        assertEquals(2.0, z[4][2], 1e-12, "test rows are scaled with training statistics");
        assertArrayEquals(DATA[4], s.inverseTransform(z)[4], 1e-9);
    }

    @Test
    void minMaxScalerMapsTheTrainingRange() {
        MinMaxScaler s = MinMaxScaler.fit(DATA, TRAIN, -1, 1);
        double[][] y = s.transform(DATA);
        assertArrayEquals(new double[] {-1, -1, -1}, y[0], 1e-12);
        assertArrayEquals(new double[] {1, 1, -1}, y[3], 1e-12);
        assertEquals(-1 + 2 * 99.0 / 3, y[4][0], 1e-9, "no clipping outside the training range");
        assertArrayEquals(DATA[4], s.inverseTransform(y)[4], 1e-9);
    }

    @Test
    void selectGivesTheTargetColumnsScaler() {
        StandardScaler s = StandardScaler.fit(DATA, TRAIN);
        Scaler target = s.select(1);
        assertEquals(1, target.numColumns());
        assertEquals(s.inverseTransform(0.5, 1), target.inverseTransform(0.5, 0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> s.select(3));
    }

    @Test
    void jsonRoundTrip() {
        Scaler a = StandardScaler.fit(DATA, TRAIN);
        Scaler b = MinMaxScaler.fit(DATA, TRAIN, 0, 1);
        assertEquals(a, Scaler.fromJson(a.toJson()));
        assertEquals(b, Scaler.fromJson(b.toJson()));
        assertThrows(IllegalArgumentException.class, () -> Scaler.fromJson("{\"type\":\"robust\"}"));
    }

    @Test
    void badInputIsNamed() {
        double[][] nan = {{1, 2}, {Double.NaN, 3}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(nan));
        assertEquals("standard scaler: row 1, column 0 is NaN", e.getMessage());
        StandardScaler s = StandardScaler.fit(DATA, TRAIN);
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> s.transform(new double[][] {{1, 2}}));
        assertEquals("standard scaler: row 0 expected 3 columns, got 2", w.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(DATA, new RowRange(0, 9)));
        assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.fit(DATA, TRAIN, 1, 1));
    }
}
