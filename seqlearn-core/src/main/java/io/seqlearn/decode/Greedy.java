package io.seqlearn.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy decoding: at each step every row takes its most probable next token (the first on ties), until it
 * produces {@code endToken} or {@code maxLength} tokens were generated. Rows are decoded together in one
 * batch; finished rows keep being fed {@code endToken}, and what the model says for them is ignored.
 */
public final class Greedy {
    private Greedy() {}

    /**
     * Decodes N rows whose state is {@code state} and whose first input tokens are {@code startTokens}.
     * Returns one {@link Hypothesis} per row (score = logProb).
     */
    public static <S> List<Hypothesis> decode(StepModel<S> model, S state, int[] startTokens, int endToken, int maxLength) {
        int n = startTokens.length;
        List<List<Integer>> out = new ArrayList<>();
        for (int r = 0; r < n; r++) out.add(new ArrayList<>());
        double[] logp = new double[n];
        boolean[] done = new boolean[n];
        int[] last = startTokens.clone();
        for (int t = 0; t < maxLength && !allTrue(done); t++) {
            StepModel.Step<S> s = model.step(state, last);
            state = s.state();
            double[][] lp = LogProbs.of(s.scores(), n, 1.0);
            for (int r = 0; r < n; r++) {
                if (done[r]) { last[r] = endToken; continue; }
                int tok = LogProbs.argmax(lp[r]);
                logp[r] += lp[r][tok];
                last[r] = tok;
                if (tok == endToken) done[r] = true; else out.get(r).add(tok);
            }
        }
        List<Hypothesis> hyps = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            int[] toks = out.get(r).stream().mapToInt(Integer::intValue).toArray();
            hyps.add(new Hypothesis(toks, logp[r], logp[r], done[r]));
        }
        return hyps;
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) if (!x) return false;
        return true;
    }

    static int[] append(int[] a, int x) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = x;
        return b;
    }
}
