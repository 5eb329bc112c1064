package io.seqlearn.data.loader;

/** Samples [from, from + count) of an underlying array, as a source's own 0..count−1. */
record SampleRange(int from, int count) {
    /** Absolute index of sample {@code i}, checked. */
    int map(String op, int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException(op + ": sample " + i + " of " + count);
        return from + i;
    }

    int[] map(String op, int[] indices) {
        if (indices.length == 0) throw new IllegalArgumentException(op + ": empty batch (no sample indices)");
        int[] out = new int[indices.length];
        for (int k = 0; k < indices.length; k++) out[k] = map(op, indices[k]);
        return out;
    }

    /** The sub-range [a, b) of this range. */
    SampleRange sub(String op, int a, int b) {
        if (a < 0 || b > count || a > b) throw new IndexOutOfBoundsException(op + ": subset [" + a + ", " + b + ") of " + count + " samples");
        return new SampleRange(from + a, b - a);
    }
}
