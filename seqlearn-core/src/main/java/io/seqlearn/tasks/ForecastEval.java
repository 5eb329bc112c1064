package io.seqlearn.tasks;

/**
 * Forecast errors over every window of a split, all targets and horizon steps averaged.
 *
 * @param mse       mean squared error on the standardised scale (what papers report)
 * @param mae       mean absolute error on the standardised scale
 * @param mseOriginal mean squared error in the data's own units
 * @param maeOriginal mean absolute error in the data's own units
 * @param windows   number of forecast windows scored
 */
public record ForecastEval(double mse, double mae, double mseOriginal, double maeOriginal, int windows) {}
