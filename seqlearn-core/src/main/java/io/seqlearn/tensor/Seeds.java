package io.seqlearn.tensor;

/**
 * Derives independent seeds from a run seed and counters, so every random stream of a training run
 * (initialisation per layer, data order per epoch, dropout per step and layer) is a pure function of
 * (seed, counters). A resumed run therefore needs to store only the seed and the counters, never an RNG's
 * internal state. Mixing is the SplitMix64 finaliser (Steele, Lea, Flood: "Fast splittable pseudorandom
 * number generators", OOPSLA 2014), applied once per component.
 */
public final class Seeds {
    private Seeds() {}

    /** A well-mixed 64-bit value of {@code seed} followed by {@code parts}; order matters. */
    public static long mix(long seed, long... parts) {
        long h = finalise(seed + 0x9E3779B97F4A7C15L);
        for (long p : parts) h = finalise(h ^ finalise(p + 0x632BE59BD9B4E019L));
        return h;
    }

    /** Seed for a named purpose ("init", "shuffle", "dropout") so streams never collide. */
    public static long mix(long seed, String purpose, long... parts) {
        return mix(mix(seed, purpose.hashCode()), parts);
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
