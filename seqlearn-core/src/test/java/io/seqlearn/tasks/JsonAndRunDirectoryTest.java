package io.seqlearn.tasks;

import io.seqlearn.train.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonAndRunDirectoryTest {
    @TempDir Path tmp;

    record Sample(String name, double value, int[] sizes) {}

    @Test
    void recordsRoundTripAndNonFiniteNumbersBecomeNull() {
        String j = Json.write(new Sample("x", 1.5, new int[]{1, 2}));
        Sample back = Json.read(j, Sample.class, "sample");
        assertEquals("x", back.name());
        assertArrayEquals(new int[]{1, 2}, back.sizes());
        assertEquals("{\"a\":null}", Json.write(Map.of("a", Double.NaN)));
        assertEquals("[1.0,null]", Json.write(List.of(1.0, Double.NaN)));
        assertEquals("{\"v\":null}", Json.write(Map.of("v", Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"name\":\"x\",\"bogus\":1}", Sample.class, "sample"));
    }

    @Test
    void historyCsvAndPngs() throws Exception {
        History h = new History();
        h.append(0, Map.of("loss", 2.0, "val_loss", 2.5, "val_accuracy", 0.5));
        h.append(1, Map.of("loss", 1.0, "val_loss", 1.5, "val_accuracy", 0.7));
        RunDirectory d = RunDirectory.create(tmp.resolve("run"));
        d.writeHistory(h);
        List<String> csv = Files.readAllLines(d.dir().resolve("history.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(0).startsWith("epoch,"), csv.get(0));
        assertTrue(csv.get(2).startsWith("2,"), csv.get(2));
        byte[] b = Files.readAllBytes(d.dir().resolve("history.png"));
        assertEquals((byte) 0x89, b[0]);
        assertEquals('P', b[1]);
    }
}
