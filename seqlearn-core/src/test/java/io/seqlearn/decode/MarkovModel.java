package io.seqlearn.decode;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * A toy {@link StepModel}: log p(next | last) from a fixed (V, V) table; the state is the step count, so the
 * model also checks that decoders feed rows consistently. Counts calls.
 */
class MarkovModel implements StepModel<int[]> {
    final double[][] logp;
    int calls;

    MarkovModel(double[][] probs) {
        logp = new double[probs.length][];
        for (int i = 0; i < probs.length; i++) {
            logp[i] = new double[probs[i].length];
            for (int j = 0; j < probs[i].length; j++) logp[i][j] = Math.log(probs[i][j]);
        }
    }

    /** A random table with the given vocabulary, peaked so that sequences differ in probability. */
    static MarkovModel random(int v, long seed) {
        Rng r = new Rng(seed);
        double[][] p = new double[v][v];
        for (int i = 0; i < v; i++) {
            double z = 0;
            for (int j = 0; j < v; j++) z += p[i][j] = Math.exp(2 * r.normal());
            for (int j = 0; j < v; j++) p[i][j] /= z;
        }
        return new MarkovModel(p);
    }

    @Override
    public Step<int[]> step(int[] state, int[] lastTokens) {
        calls++;
        if (state.length != lastTokens.length) throw new AssertionError("state rows " + state.length + " vs tokens " + lastTokens.length);
        int v = logp.length;
        Tensor scores = Tensors.zeros(DType.F64, lastTokens.length, v);
        for (int r = 0; r < lastTokens.length; r++) for (int j = 0; j < v; j++) scores.put(r * v + j, logp[lastTokens[r]][j] + 3.0);
        int[] next = new int[state.length];
        for (int i = 0; i < state.length; i++) next[i] = state[i] + 1;
        return new Step<>(scores, next);
    }

    @Override
    public int[] select(int[] state, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = state[rows[i]];
        return out;
    }

    double sequenceLogProb(int start, int[] tokens, int end, boolean finished) {
        double s = 0;
        int last = start;
        for (int t : tokens) { s += logp[last][t]; last = t; }
        return finished ? s + logp[last][end] : s;
    }
}
