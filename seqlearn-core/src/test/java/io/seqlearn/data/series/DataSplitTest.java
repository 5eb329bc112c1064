package io.seqlearn.data.series;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class DataSplitTest {
    @Test
    void ettHourlyBordersAreInformers() {
        DataSplit s = DataSplit.ettHourly(96);
        assertEquals(new RowRange(0, 8640), s.train());
        assertEquals(new RowRange(8640 - 96, 11520), s.val());
        assertEquals(new RowRange(11520 - 96, 14400), s.test());
        s.checkFits(17420);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.checkFits(14000));
        assertEquals("split: needs 14400 rows, the series has 14000", e.getMessage());
    }

    @Test
    void ettMinutelyHasFourRowsPerHour() {
        DataSplit s = DataSplit.ettMinutely(96);
        assertEquals(34560, s.train().to());
        assertEquals(14400 * 4, s.test().to());
    }

    @Test
    void autoformerFractions() {
        // ETTh1 through Dataset_Custom: int(17420 * 0.7) = 12194, int(17420 * 0.2) = 3484
        DataSplit s = DataSplit.fractions(17420, 0.7, 0.2, 96);
        assertEquals(new RowRange(0, 12194), s.train());
        assertEquals(new RowRange(12194 - 96, 17420 - 3484), s.val());
        assertEquals(new RowRange(17420 - 3484 - 96, 17420), s.test());
        assertThrows(IllegalArgumentException.class, () -> DataSplit.fractions(100, 0.8, 0.3, 5));
        assertThrows(IllegalArgumentException.class, () -> DataSplit.ettHourly(0));
    }

    @Test
    void splitWindowsDoNotReachAcrossTheBorder() {
        double[][] series = TimeSeriesWindowsTest.series(14400, 1);
        DataSplit s = DataSplit.ettHourly(96);
        TimeSeriesWindows val = TimeSeriesWindows.of(series, s.val(), TimeSeriesWindows.Options.of(96, 24));
        assertEquals(8640 - 96, val.startRow(0));
        assertEquals(86400f, val.target(0)[0][0], "first validation target is row 8640");
        float[][] last = val.target(val.size() - 1);
        assertEquals(115190f, last[23][0], "last validation target is row 11519");
    }
}
