package io.seqlearn.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {
    @Test
    void parsesSecondsMinutesHoursAndCombinations() {
        assertEquals(45, Durations.seconds("45"));
        assertEquals(90, Durations.seconds("90s"));
        assertEquals(1200, Durations.seconds("20m"));
        assertEquals(5400, Durations.seconds("1h30m"));
        assertEquals(5400, Durations.seconds("1.5h"));
        assertEquals(3725, Durations.seconds("1h2m5s"));
    }

    @Test
    void rejectsOtherText() {
        for (String bad : new String[]{"", "m", "20 minutes", "1h30", "-5m", "5d"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Durations.seconds(bad), bad);
            assertTrue(e.getMessage().startsWith("--time: '"), e.getMessage());
        }
    }
}
