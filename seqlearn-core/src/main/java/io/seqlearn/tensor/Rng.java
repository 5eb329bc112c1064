package io.seqlearn.tensor;

/**
 * Seeded random numbers (SplitMix64, Steele et al. 2014). Draws are made sequentially on the calling thread,
 * so results depend only on the seed and the order of calls — never on the thread count. The whole state is
 * two numbers ({@link #state()}), so checkpoints can save it and a resumed run continues bit for bit.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;
    private double spareNormal = Double.NaN;

    public Rng(long seed) { this.state = seed; }

    /** The full generator state: {counter, spare normal as raw bits}. */
    public long[] state() { return new long[]{state, Double.doubleToRawLongBits(spareNormal)}; }

    /** A generator continuing exactly where the one that produced {@code saved} stood. */
    public static Rng restore(long[] saved) {
        if (saved == null || saved.length != 2) throw new IllegalArgumentException("rng: state must be 2 longs");
        Rng r = new Rng(saved[0]);
        r.spareNormal = Double.longBitsToDouble(saved[1]);
        return r;
    }

    /** Uniform long, for deriving child seeds. */
    public long nextLong() {
        long z = (state += GOLDEN);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double uniform() { return (nextLong() >>> 11) * 0x1.0p-53; }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

    /** Standard normal (Box–Muller, both values used). */
    public double normal() {
        if (!Double.isNaN(spareNormal)) {
            double v = spareNormal;
            spareNormal = Double.NaN;
            return v;
        }
        double u1;
        do { u1 = uniform(); } while (u1 <= 1e-300);
        double u2 = uniform();
        double r = Math.sqrt(-2 * Math.log(u1));
        spareNormal = r * Math.sin(2 * Math.PI * u2);
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** Uniform integer in [0, bound), unbiased (Lemire's rejection). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("rng: bound must be positive, got " + bound);
        long m = (nextLong() >>> 33) * bound;
        long l = m & 0x7FFFFFFFL;
        if (l < bound) {
            long t = (0x80000000L - bound) % bound;
            while (l < t) {
                m = (nextLong() >>> 33) * bound;
                l = m & 0x7FFFFFFFL;
            }
        }
        return (int) (m >>> 31);
    }

    /** In-place Fisher–Yates shuffle. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
