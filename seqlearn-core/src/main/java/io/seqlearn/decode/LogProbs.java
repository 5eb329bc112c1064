package io.seqlearn.decode;

import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;

/** Row-wise log-softmax of a step's scores into plain arrays (decoding is not differentiated). */
final class LogProbs {
    private LogProbs() {}

    /** scores (N, V) → double[N][V] of log-probabilities (after dividing by {@code temperature}). */
    static double[][] of(Tensor scores, int rows, double temperature) {
        if (scores.rank() != 2 || scores.size(0) != rows) {
            throw new ShapeException("decode: step scores expected (" + rows + ", V), got " + Shapes.str(scores.shapeRef()));
        }
        int v = scores.size(1);
        double[] flat = scores.toDoubleArray();
        double[][] out = new double[rows][v];
        for (int r = 0; r < rows; r++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) m = Math.max(m, flat[r * v + j] / temperature);
            double z = 0;
            for (int j = 0; j < v; j++) z += Math.exp(flat[r * v + j] / temperature - m);
            double lz = m + Math.log(z);
            for (int j = 0; j < v; j++) out[r][j] = flat[r * v + j] / temperature - lz;
        }
        return out;
    }

    /** Index of the largest value (first on ties). */
    static int argmax(double[] x) {
        int best = 0;
        for (int j = 1; j < x.length; j++) if (x[j] > x[best]) best = j;
        return best;
    }
}
