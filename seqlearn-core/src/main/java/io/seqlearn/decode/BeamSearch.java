package io.seqlearn.decode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Beam search for one input (the state has one row): keeps the {@code beamWidth} best partial sequences by
 * cumulative log-probability; a candidate that ends with {@code endToken} moves to the finished list with its
 * length-penalised score. Search stops when {@code beamWidth} hypotheses have finished (fairseq/Hugging Face
 * {@code early_stopping}) or after {@code maxLength} tokens, when unfinished beams are added as unfinished
 * hypotheses. Returns the {@code nBest} best by score, best first. Of the 2·beamWidth best extensions per
 * step, an end-token extension finishes only if it ranks among the first beamWidth.
 *
 * <p>Length penalty (score of a hypothesis of L generated tokens, the end token counted):
 * <ul>
 *   <li>{@link LengthPenalty#NONE}: log P.</li>
 *   <li>{@link LengthPenalty#AVERAGE}: log P / L^α (α = 1: the per-token average; Hugging Face's
 *       {@code length_penalty}).</li>
 *   <li>{@link LengthPenalty#GNMT}: log P / ((5 + L) / 6)^α, Wu et al. 2016 "Google's Neural Machine
 *       Translation System", eq. 14 (without its coverage term); α ≈ 0.6–0.7 there.</li>
 * </ul>
 * With beam width 1 and no penalty this is exactly {@link Greedy}.
 */
public final class BeamSearch {
    /** How hypotheses of different lengths are compared. */
    public enum LengthPenalty { NONE, AVERAGE, GNMT }

    /** Options; {@code nBest} ≤ {@code beamWidth}. */
    public record Options(int beamWidth, int maxLength, int endToken, LengthPenalty penalty, double alpha, int nBest) {
        public Options {
            if (beamWidth < 1) throw new IllegalArgumentException("beam_search: beamWidth must be ≥ 1, got " + beamWidth);
            if (nBest < 1 || nBest > beamWidth) {
                throw new IllegalArgumentException("beam_search: nBest must be in [1, beamWidth=" + beamWidth + "], got " + nBest);
            }
            if (maxLength < 1) throw new IllegalArgumentException("beam_search: maxLength must be ≥ 1, got " + maxLength);
        }

        /** No length penalty, one best. */
        public static Options of(int beamWidth, int maxLength, int endToken) {
            return new Options(beamWidth, maxLength, endToken, LengthPenalty.NONE, 1.0, 1);
        }

        public Options withPenalty(LengthPenalty p, double a) { return new Options(beamWidth, maxLength, endToken, p, a, nBest); }

        public Options withNBest(int n) { return new Options(beamWidth, maxLength, endToken, penalty, alpha, n); }
    }

    private record Beam(int[] tokens, double logProb, int row) {}

    private record Candidate(int beam, int token, double logProb) {}

    private BeamSearch() {}

    /** Searches from {@code state} (one row) whose first input token is {@code startToken}. */
    public static <S> List<Hypothesis> search(StepModel<S> model, S state, int startToken, Options o) {
        List<Beam> beams = List.of(new Beam(new int[0], 0.0, 0));
        int[] last = {startToken};
        List<Hypothesis> finished = new ArrayList<>();
        for (int t = 1; t <= o.maxLength() && finished.size() < o.beamWidth() && !beams.isEmpty(); t++) {
            StepModel.Step<S> s = model.step(state, last);
            double[][] lp = LogProbs.of(s.scores(), beams.size(), 1.0);
            List<Candidate> cands = topCandidates(beams, lp, 2 * o.beamWidth());
            List<Beam> next = new ArrayList<>();
            for (int rank = 0; rank < cands.size(); rank++) {
                Candidate c = cands.get(rank);
                Beam b = beams.get(c.beam());
                if (c.token() == o.endToken()) {
                    // only an end among the beamWidth best may finish (Hugging Face's rule), else width 1 ≠ greedy
                    if (rank < o.beamWidth() && finished.size() < o.beamWidth()) finished.add(hyp(b.tokens(), c.logProb(), t, true, o));
                } else if (next.size() < o.beamWidth()) {
                    next.add(new Beam(Greedy.append(b.tokens(), c.token()), c.logProb(), c.beam()));
                }
                if (next.size() == o.beamWidth() && finished.size() >= o.beamWidth()) break;
            }
            beams = next;
            if (beams.isEmpty() || finished.size() >= o.beamWidth()) break;
            int[] rows = new int[beams.size()];
            last = new int[beams.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = beams.get(i).row();
                last[i] = beams.get(i).tokens()[beams.get(i).tokens().length - 1];
            }
            state = model.select(s.state(), rows);
        }
        if (finished.size() < o.nBest()) {
            for (Beam b : beams) finished.add(hyp(b.tokens(), b.logProb(), b.tokens().length, false, o));
        }
        finished.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        return finished.subList(0, Math.min(o.nBest(), finished.size()));
    }

    /**
     * The k best (beam, token) extensions by cumulative log-probability; ties go to the lower beam, then token.
     * A bounded insertion into k sorted slots: one pass over beams × vocabulary, no sort of the whole set
     * (with a vocabulary of 8,000 and beam 5 the full sort dominated decoding).
     */
    private static List<Candidate> topCandidates(List<Beam> beams, double[][] lp, int k) {
        double[] best = new double[k];
        int[] beamOf = new int[k], tokenOf = new int[k];
        int size = 0;
        for (int i = 0; i < beams.size(); i++) {
            double base = beams.get(i).logProb();
            for (int v = 0; v < lp[i].length; v++) {
                if (!(lp[i][v] > Double.NEGATIVE_INFINITY)) continue;
                double c = base + lp[i][v];
                if (size == k && !(c > best[k - 1])) continue;   // an equal score came earlier and keeps its place
                int at = Math.min(size, k - 1);
                while (at > 0 && best[at - 1] < c) {
                    best[at] = best[at - 1];
                    beamOf[at] = beamOf[at - 1];
                    tokenOf[at] = tokenOf[at - 1];
                    at--;
                }
                best[at] = c;
                beamOf[at] = i;
                tokenOf[at] = v;
                if (size < k) size++;
            }
        }
        List<Candidate> top = new ArrayList<>(size);
        for (int j = 0; j < size; j++) top.add(new Candidate(beamOf[j], tokenOf[j], best[j]));
        return top;
    }

    private static Hypothesis hyp(int[] tokens, double logProb, int length, boolean finished, Options o) {
        return new Hypothesis(tokens, logProb, score(logProb, length, o.penalty(), o.alpha()), finished);
    }

    /** The length-penalised score of a hypothesis with {@code length} generated tokens. */
    public static double score(double logProb, int length, LengthPenalty p, double alpha) {
        return switch (p) {
            case NONE -> logProb;
            case AVERAGE -> logProb / Math.pow(Math.max(length, 1), alpha);
            case GNMT -> logProb / Math.pow((5.0 + length) / 6.0, alpha);
        };
    }
}
