package io.seqlearn.backend;

import java.util.SplittableRandom;

/** Random test inputs over an op's interesting domain, with IEEE special values mixed in. */
final class Inputs {
    private Inputs() {}

    /** Values drawn uniformly in [lo, hi], or log-uniformly in magnitude when {@code logScale}. */
    record Domain(double lo, double hi, boolean logScale, boolean specials) {}

    static Domain unaryDomain(UnaryOp op) {
        return switch (op) {
            case EXP -> new Domain(-100, 100, false, true);
            case LOG, SQRT -> new Domain(-30, 30, true, true);
            case TANH -> new Domain(-12, 12, false, true);
            case SIGMOID -> new Domain(-40, 40, false, true);
            case GELU -> new Domain(-12, 12, false, true);
            case RECIPROCAL -> new Domain(-20, 20, true, true);
            case TANH_GRAD_FROM_Y -> new Domain(-1, 1, false, true);
            case SIGMOID_GRAD_FROM_Y -> new Domain(0, 1, false, true);
            default -> new Domain(-5, 5, false, true);
        };
    }

    /** IEEE specials and edge values; every kernel must agree with the reference on them too. */
    static final double[] SPECIALS = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 1e-42, -1e-42, 1.0, -1.0, 0.5, 88.5, -88.5, 1e-7, -1e-7, 40, -40};

    static double[] doubles(Domain d, int n, SplittableRandom rnd) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = draw(d, rnd);
        if (d.specials()) {
            // specials at positions 2.. (inside the vector body once n is large enough)
            for (int i = 0; i < SPECIALS.length && 2 + i < n; i++) x[2 + i] = SPECIALS[i];
        }
        return x;
    }

    static float[] floats(Domain d, int n, SplittableRandom rnd) {
        double[] x = doubles(d, n, rnd);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) x[i];
        return f;
    }

    private static double draw(Domain d, SplittableRandom rnd) {
        if (!d.logScale()) return d.lo() + (d.hi() - d.lo()) * rnd.nextDouble();
        double mag = Math.exp(d.lo() + (d.hi() - d.lo()) * rnd.nextDouble());
        // log-scale domains: LOG and SQRT mostly see positive values, RECIPROCAL both signs
        return rnd.nextInt(8) == 0 ? -mag : mag;
    }
}
