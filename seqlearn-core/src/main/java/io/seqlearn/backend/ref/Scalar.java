package io.seqlearn.backend.ref;

import io.seqlearn.backend.BinaryOp;
import io.seqlearn.backend.UnaryOp;

/** Scalar definitions of every element-wise op: the single source of truth for their formulas. */
public final class Scalar {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private Scalar() {}

    /** Applies {@code op} to one value in double precision. */
    public static double unary(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> sigmoid(x);
            case RELU -> x > 0 ? x : 0;
            case SQRT -> Math.sqrt(x);
            case ABS -> Math.abs(x);
            case SQUARE -> x * x;
            case RECIPROCAL -> 1.0 / x;
            case GELU -> gelu(x);
            case TANH_GRAD_FROM_Y -> 1 - x * x;
            case SIGMOID_GRAD_FROM_Y -> x * (1 - x);
        };
    }

    /** Applies {@code op} to a pair of values in double precision. */
    public static double binary(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case POW -> Math.pow(a, b);
        };
    }

    /** Numerically stable logistic function. */
    public static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** Exact GELU, {@code x Φ(x)}, as PyTorch's default {@code approximate='none'}. */
    public static double gelu(double x) {
        return 0.5 * x * (1.0 + Erf.erf(x / Math.sqrt(2.0)));
    }

    /** d/dx of exact GELU: {@code Φ(x) + x φ(x)}. */
    public static double geluGrad(double x) {
        double cdf = 0.5 * (1.0 + Erf.erf(x / Math.sqrt(2.0)));
        double pdf = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
        return cdf + x * pdf;
    }

    /** tanh-approximated GELU (PyTorch {@code approximate='tanh'}), kept for reference. */
    public static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    }
}
