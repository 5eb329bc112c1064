package io.seqlearn.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RngTest {
    @Test void restoredGeneratorContinuesTheSameStream() {
        Rng a = new Rng(5);
        for (int i = 0; i < 7; i++) a.normal();
        Rng b = Rng.restore(a.state());
        for (int i = 0; i < 100; i++) {
            assertEquals(a.normal(), b.normal());
            assertEquals(a.nextInt(1000), b.nextInt(1000));
        }
    }

    @Test void nextIntIsUniformAndInRange() {
        Rng r = new Rng(9);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[r.nextInt(7)]++;
        for (int c : counts) assertEquals(10_000, c, 400);
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
    }

    @Test void differentSeedsDiffer() {
        assertNotEquals(new Rng(1).nextLong(), new Rng(2).nextLong());
    }
}
