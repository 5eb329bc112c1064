package io.seqlearn.decode;

import io.seqlearn.tensor.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ancestral sampling with the usual filters, applied in this order (as Hugging Face's logits warpers):
 * temperature (scores / τ; τ = 0 means greedy), top-k (keep the k most probable tokens; 0 = off), top-p /
 * nucleus (Holtzman et al. 2020: keep the smallest set of most probable tokens whose probability reaches p;
 * 1 = off; the most probable token always stays). Draws come from the caller's seeded {@link Rng}, so a
 * seed reproduces the output.
 */
public final class Sampler {
    /** Options: defaults τ = 1, top-k off, top-p off. */
    public record Options(double temperature, int topK, double topP, int maxLength, int endToken) {
        public Options {
            if (temperature < 0) throw new IllegalArgumentException("sampler: temperature must be ≥ 0, got " + temperature);
            if (topK < 0) throw new IllegalArgumentException("sampler: topK must be ≥ 0, got " + topK);
            if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("sampler: topP must be in (0, 1], got " + topP);
        }

        public static Options of(int maxLength, int endToken) { return new Options(1.0, 0, 1.0, maxLength, endToken); }

        public Options withTemperature(double t) { return new Options(t, topK, topP, maxLength, endToken); }

        public Options withTopK(int k) { return new Options(temperature, k, topP, maxLength, endToken); }

        public Options withTopP(double p) { return new Options(temperature, topK, p, maxLength, endToken); }
    }

    private Sampler() {}

    /** Samples one continuation per row; logProb sums the model's (unfiltered, τ = 1) log-probabilities. */
    public static <S> List<Hypothesis> sample(StepModel<S> model, S state, int[] startTokens, Options o, Rng rng) {
        int n = startTokens.length;
        List<List<Integer>> out = new ArrayList<>();
        for (int r = 0; r < n; r++) out.add(new ArrayList<>());
        double[] logp = new double[n];
        boolean[] done = new boolean[n];
        int[] last = startTokens.clone();
        for (int t = 0; t < o.maxLength(); t++) {
            boolean any = false;
            for (boolean d : done) any |= !d;
            if (!any) break;
            StepModel.Step<S> s = model.step(state, last);
            state = s.state();
            double[][] lp = LogProbs.of(s.scores(), n, 1.0);
            for (int r = 0; r < n; r++) {
                if (done[r]) { last[r] = o.endToken(); continue; }
                int tok = draw(lp[r], o, rng);
                logp[r] += lp[r][tok];
                last[r] = tok;
                if (tok == o.endToken()) done[r] = true; else out.get(r).add(tok);
            }
        }
        List<Hypothesis> hyps = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            hyps.add(new Hypothesis(out.get(r).stream().mapToInt(Integer::intValue).toArray(), logp[r], logp[r], done[r]));
        }
        return hyps;
    }

    /** Draws one token from log-probabilities {@code lp} after temperature, top-k and top-p. */
    public static int draw(double[] lp, Options o, Rng rng) {
        if (o.temperature() == 0) return LogProbs.argmax(lp);
        int v = lp.length;
        double[] p = new double[v];
        double m = Double.NEGATIVE_INFINITY;
        for (double x : lp) m = Math.max(m, x / o.temperature());
        for (int j = 0; j < v; j++) p[j] = Math.exp(lp[j] / o.temperature() - m);
        Integer[] order = new Integer[v];
        for (int j = 0; j < v; j++) order[j] = j;
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        int keep = o.topK() > 0 ? Math.min(o.topK(), v) : v;
        double total = 0;
        for (int i = 0; i < keep; i++) total += p[order[i]];
        if (o.topP() < 1) {
            double cum = 0;
            for (int i = 0; i < keep; i++) {
                cum += p[order[i]] / total;
                if (cum >= o.topP()) { keep = i + 1; break; }
            }
        }
        double mass = 0;
        for (int i = 0; i < keep; i++) mass += p[order[i]];
        double u = rng.uniform() * mass;
        for (int i = 0; i < keep; i++) {
            u -= p[order[i]];
            if (u < 0) return order[i];
        }
        return order[keep - 1];
    }
}
