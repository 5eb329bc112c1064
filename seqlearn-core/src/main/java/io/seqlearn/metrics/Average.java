package io.seqlearn.metrics;

/**
 * How per-class precision / recall / F1 become one number, as scikit-learn's {@code average}:
 * MACRO (unweighted mean over the classes seen as truth or prediction), WEIGHTED (mean weighted by each
 * class's support), MICRO (from the pooled counts; equals accuracy for single-label problems).
 */
public enum Average { MACRO, WEIGHTED, MICRO }
