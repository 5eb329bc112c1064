package io.seqlearn.tensor;

import java.util.SplittableRandom;

/**
 * Seeded random numbers. Draws are made sequentially on the calling thread, so results depend only on
 * the seed and the order of calls — never on the thread count.
 */
public final class Rng {
    private final SplittableRandom random;
    private double spareNormal = Double.NaN;

    public Rng(long seed) { this.random = new SplittableRandom(seed); }

    /** Uniform in [0, 1). */
    public double uniform() { return random.nextDouble(); }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) { return lo + (hi - lo) * random.nextDouble(); }

    /** Standard normal (Box–Muller, both values used). */
    public double normal() {
        if (!Double.isNaN(spareNormal)) {
            double v = spareNormal;
            spareNormal = Double.NaN;
            return v;
        }
        double u1;
        do { u1 = random.nextDouble(); } while (u1 <= 1e-300);
        double u2 = random.nextDouble();
        double r = Math.sqrt(-2 * Math.log(u1));
        spareNormal = r * Math.sin(2 * Math.PI * u2);
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) { return random.nextInt(bound); }

    /** Uniform long, for deriving child seeds. */
    public long nextLong() { return random.nextLong(); }

    /** In-place Fisher–Yates shuffle. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
