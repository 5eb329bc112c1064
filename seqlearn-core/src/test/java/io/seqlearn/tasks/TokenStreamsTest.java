package io.seqlearn.tasks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenStreamsTest {
    @Test
    void streamsWindowsAndShiftedTargets() {
        int[] ids = new int[23];
        for (int i = 0; i < ids.length; i++) ids[i] = i;
        TokenStreams s = new TokenStreams(ids, 2);          // streams of 11: [0..10], [11..21]; 22 dropped
        assertEquals(2, s.streams());
        assertEquals(3, s.windows(4));                      // 10 predictions per stream: 4 + 4 + 2
        assertArrayEquals(new float[]{0, 1, 2, 3, 11, 12, 13, 14}, s.inputs(0, 4).toFloatArray());
        assertArrayEquals(new float[]{1, 2, 3, 4, 12, 13, 14, 15}, s.targets(0, 4).toFloatArray());
        assertArrayEquals(new float[]{8, 9, 19, 20}, s.inputs(2, 4).toFloatArray());
        assertArrayEquals(new float[]{9, 10, 20, 21}, s.targets(2, 4).toFloatArray());
        assertEquals(4, s.tokens(2, 4));
        int total = 0;
        for (int w = 0; w < s.windows(4); w++) total += s.tokens(w, 4);
        assertEquals(20, total);
    }

    @Test
    void aShortTextUsesFewerStreams() {
        TokenStreams s = new TokenStreams(new int[]{1, 2, 3, 4, 5}, 32);
        assertEquals(2, s.streams());
        assertEquals(1, s.windows(10));
        assertEquals(2, s.tokens(0, 10));
    }
}
