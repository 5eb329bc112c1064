package io.seqlearn.nn.rnn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The array pool behind the recurrent layers' reused buffers: reuse by length, the cap, the test poison. */
class ScratchPoolTest {

    @Test void aGivenArrayIsTakenAgainForItsLengthOnly() {
        int n = 12_345;   // a length no other test uses
        float[] a = ScratchPool.take(n);
        assertEquals(n, a.length);
        ScratchPool.give(a);
        assertNotSame(a, ScratchPool.take(n + 1));
        assertSame(a, ScratchPool.take(n));
        assertNotSame(a, ScratchPool.take(n));   // taken once, it is no longer pooled
    }

    @Test void thePoolNeverHoldsMoreThanItsCap() {
        long before = ScratchPool.pooledFloats();
        ScratchPool.give(new float[(int) Math.min(Integer.MAX_VALUE - 8, ScratchPool.MAX_FLOATS - before + 1)]);
        assertEquals(before, ScratchPool.pooledFloats());
    }

    @Test void poisonFillsTakenArraysWithNaN() {
        ScratchPool.poison = true;
        try {
            float[] a = ScratchPool.take(7);
            for (float v : a) assertTrue(Float.isNaN(v));
        } finally {
            ScratchPool.poison = false;
        }
    }
}
