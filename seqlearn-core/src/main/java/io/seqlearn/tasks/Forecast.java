package io.seqlearn.tasks;

import java.util.List;

/**
 * One forecast in the data's own units.
 *
 * @param targets   target column names
 * @param fromRow   0-based data row of the first forecast step
 * @param predicted (horizon, K) forecast
 * @param actual    (horizon, K) actual values where the file has them (NaN past its end)
 * @param history   (lookback, K) the targets' values in the input window
 */
public record Forecast(List<String> targets, int fromRow, double[][] predicted, double[][] actual, double[][] history) {}
