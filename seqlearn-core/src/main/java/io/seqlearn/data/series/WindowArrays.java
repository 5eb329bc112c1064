package io.seqlearn.data.series;

/**
 * Materialised windows.
 *
 * @param inputs  (N, lookback, F)
 * @param targets (N, horizon, K)
 */
public record WindowArrays(float[][][] inputs, float[][][] targets) {}
