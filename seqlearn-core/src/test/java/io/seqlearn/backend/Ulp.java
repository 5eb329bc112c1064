package io.seqlearn.backend;

/** Distances between a result and the reference, in units in the last place of the reference. */
final class Ulp {
    private Ulp() {}

    /** 0 when equal (or both NaN), infinity when only one is NaN/infinite, else |a−r| / ulp(r). */
    static double of(float actual, float ref) {
        if (Float.isNaN(actual) && Float.isNaN(ref)) return 0;
        if (actual == ref) return 0;
        if (!Float.isFinite(actual) || !Float.isFinite(ref)) return Double.POSITIVE_INFINITY;
        return Math.abs((double) actual - ref) / Math.ulp(ref);
    }

    static double of(double actual, double ref) {
        if (Double.isNaN(actual) && Double.isNaN(ref)) return 0;
        if (actual == ref) return 0;
        if (!Double.isFinite(actual) || !Double.isFinite(ref)) return Double.POSITIVE_INFINITY;
        return Math.abs(actual - ref) / Math.ulp(ref);
    }
}
