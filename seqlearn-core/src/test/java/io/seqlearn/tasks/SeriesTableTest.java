package io.seqlearn.tasks;

import io.seqlearn.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesTableTest {
    @TempDir Path tmp;

    @Test
    void numericColumnsTargetsAndAll() throws Exception {
        Path csv = Files.writeString(tmp.resolve("s.csv"), "date,a,b,y\n2020-01-01,1,2,3\n2020-01-02,4,5,6\n");
        SeriesTable all = SeriesTable.read(csv, List.of("all"), null);
        assertEquals(List.of("a", "b", "y"), all.inputs());
        assertArrayEquals(new int[]{0, 1, 2}, all.targets());
        SeriesTable uni = SeriesTable.read(csv, List.of("y"), List.of("y"));
        assertEquals(List.of("y"), uni.inputs());
        assertArrayEquals(new double[]{6}, uni.values()[1]);
        SeriesTable ms = SeriesTable.read(csv, List.of("y"), List.of("a"));
        assertEquals(List.of("a", "y"), ms.inputs(), "targets are always inputs");
        assertArrayEquals(new int[]{1}, ms.targets());
    }

    @Test
    void ettSplitRowsAndErrorsNameTheFile() throws Exception {
        StringBuilder sb = new StringBuilder("y\n");
        for (int i = 0; i < 14400; i++) sb.append(i % 7).append('\n');
        Path csv = Files.writeString(tmp.resolve("ett.csv"), sb);
        SeriesTable t = SeriesTable.read(csv, List.of("y"), null);
        var split = Forecaster.split(t, Forecaster.Config.defaults("lstm", 96, 24).withSplit("ett-hourly"));
        assertEquals("[0, 8640)", split.train().toString());
        assertEquals("[8544, 11520)", split.val().toString());
        assertEquals("[11424, 14400)", split.test().toString());
        var e = assertThrows(DataFormatException.class,
                () -> Forecaster.split(t, Forecaster.Config.defaults("lstm", 96, 24).withSplit("0.7")));
        assertTrue(e.getMessage().startsWith(csv.toString()) && e.getMessage().contains("--split"), e.getMessage());
    }
}
