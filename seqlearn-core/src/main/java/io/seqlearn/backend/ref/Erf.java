package io.seqlearn.backend.ref;

/** The error function to double precision. */
public final class Erf {
    private Erf() {}

    /**
     * erf(x) = 2/√π · e^(−x²) · Σₙ 2ⁿ x^(2n+1) / (2n+1)!!  (Abramowitz &amp; Stegun 7.1.6). Every term is
     * positive, so there is no cancellation; beyond |x| = 6, erf is 1 to double precision.
     */
    public static double erf(double x) {
        double ax = Math.abs(x);
        if (ax >= 6) return Math.signum(x);
        double term = ax, sum = ax, x2 = ax * ax;
        for (int n = 1; n < 500; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        double r = 2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum;
        return x < 0 ? -r : r;
    }
}
