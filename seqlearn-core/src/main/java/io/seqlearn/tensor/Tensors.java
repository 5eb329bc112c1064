package io.seqlearn.tensor;

import io.seqlearn.backend.Backend;

/**
 * Tensor factories. Random factories take an explicit {@link Rng}, so a seed makes results reproducible
 * regardless of thread count. Overloads without a backend use {@link Backends#defaultBackend()}.
 */
public final class Tensors {
    private Tensors() {}

    public static Tensor zeros(DType dtype, int... shape) { return zeros(dtype, Backends.defaultBackend(), shape); }

    public static Tensor zeros(DType dtype, Backend backend, int... shape) {
        int n = Shapes.numel(shape);
        return dtype == DType.F32 ? Tensor.wrap(new float[n], backend, shape) : Tensor.wrap(new double[n], backend, shape);
    }

    public static Tensor ones(DType dtype, int... shape) { return full(dtype, 1.0, shape); }

    public static Tensor full(DType dtype, double value, int... shape) {
        return zeros(dtype, shape).fill(value);
    }

    /** [0, 1, …, n−1]. */
    public static Tensor arange(DType dtype, int n) {
        Tensor t = zeros(dtype, n);
        for (int i = 0; i < n; i++) t.put(i, i);
        return t;
    }

    /** n × n identity. */
    public static Tensor eye(DType dtype, int n) {
        Tensor t = zeros(dtype, n, n);
        for (int i = 0; i < n; i++) t.put(i * n + i, 1);
        return t;
    }

    /** Uniform in [lo, hi). */
    public static Tensor uniform(DType dtype, Rng rng, double lo, double hi, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0, n = t.numel(); i < n; i++) t.put(i, rng.uniform(lo, hi));
        return t;
    }

    /** Uniform in [0, 1). */
    public static Tensor rand(DType dtype, Rng rng, int... shape) { return uniform(dtype, rng, 0, 1, shape); }

    /** Normal with the given mean and standard deviation. */
    public static Tensor normal(DType dtype, Rng rng, double mean, double std, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0, n = t.numel(); i < n; i++) t.put(i, mean + std * rng.normal());
        return t;
    }

    /** Standard normal. */
    public static Tensor randn(DType dtype, Rng rng, int... shape) { return normal(dtype, rng, 0, 1, shape); }

    /** 1 with probability p, else 0. */
    public static Tensor bernoulli(DType dtype, Rng rng, double p, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0, n = t.numel(); i < n; i++) t.put(i, rng.uniform() < p ? 1 : 0);
        return t;
    }

    /** Integer values in [0, bound) stored in a float dtype (index tensors). */
    public static Tensor randint(DType dtype, Rng rng, int bound, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0, n = t.numel(); i < n; i++) t.put(i, rng.nextInt(bound));
        return t;
    }

    /** An index tensor (integers in a float dtype) from ints. */
    public static Tensor indices(DType dtype, int[] values, int... shape) {
        Tensor t = zeros(dtype, shape.length == 0 ? new int[]{values.length} : shape);
        if (t.numel() != values.length) {
            throw new ShapeException("indices: " + values.length + " values do not fit shape " + Shapes.str(shape));
        }
        for (int i = 0; i < values.length; i++) t.put(i, values[i]);
        return t;
    }
}
