package io.seqlearn.decode;

import io.seqlearn.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DecodeTest {
    private static final int START = 0, END = 1;

    @Test void beamWidthOneEqualsGreedy() {
        for (long seed = 0; seed < 30; seed++) {
            MarkovModel m = MarkovModel.random(6, seed);
            Hypothesis g = Greedy.decode(m, new int[]{0}, new int[]{START}, END, 12).get(0);
            Hypothesis b = BeamSearch.search(m, new int[]{0}, START, BeamSearch.Options.of(1, 12, END)).get(0);
            assertArrayEquals(g.tokens(), b.tokens(), "seed " + seed);
            assertEquals(g.logProb(), b.logProb(), 1e-12);
            assertEquals(g.finished(), b.finished());
            assertEquals(m.sequenceLogProb(START, g.tokens(), END, g.finished()), g.logProb(), 1e-12);
        }
    }

    @Test void beamSearchEscapesTheGreedyTrap() {
        // from START: 2 (0.6) then anything; 3 (0.4) then END surely. Greedy takes 2; the best sequence is [3].
        double[][] p = {
                {0.0001, 0.0001, 0.6, 0.3998, 0.0},
                {0.2, 0.2, 0.2, 0.2, 0.2},
                {0.01, 0.25, 0.24, 0.25, 0.25},
                {0.0, 0.9996, 0.0001, 0.0001, 0.0002},
                {0.2, 0.2, 0.2, 0.2, 0.2}};
        MarkovModel m = new MarkovModel(p);
        Hypothesis g = Greedy.decode(m, new int[]{0}, new int[]{START}, END, 5).get(0);
        assertEquals(2, g.tokens()[0]);
        List<Hypothesis> b = BeamSearch.search(m, new int[]{0}, START, BeamSearch.Options.of(3, 5, END).withNBest(3));
        assertArrayEquals(new int[]{3}, b.get(0).tokens());
        assertTrue(b.get(0).score() > g.logProb());
        assertEquals(3, b.size());
        for (int i = 1; i < b.size(); i++) assertTrue(b.get(i - 1).score() >= b.get(i).score(), "n-best sorted");
    }

    @Test void wideBeamFindsTheExhaustiveOptimum() {
        for (long seed = 0; seed < 10; seed++) {
            MarkovModel m = MarkovModel.random(4, 100 + seed);
            int maxLen = 4;
            double best = Double.NEGATIVE_INFINITY;
            // every finished sequence of ≤ maxLen tokens (end included) over the non-end tokens {0, 2, 3}
            for (int len = 0; len < maxLen; len++) {
                int[] toks = new int[len];
                for (int code = 0; code < Math.pow(3, len); code++) {
                    for (int i = 0, c = code; i < len; i++, c /= 3) toks[i] = new int[]{0, 2, 3}[c % 3];
                    best = Math.max(best, m.sequenceLogProb(START, toks, END, true));
                }
            }
            Hypothesis h = BeamSearch.search(m, new int[]{0}, START, BeamSearch.Options.of(64, maxLen, END)).get(0);
            assertTrue(h.finished());
            assertEquals(best, h.logProb(), 1e-12, "seed " + seed);
        }
    }

    @Test void lengthPenaltiesFollowTheirFormulas() {
        assertEquals(-6.0 / Math.pow(8.0 / 6.0, 0.6), BeamSearch.score(-6, 3, BeamSearch.LengthPenalty.GNMT, 0.6), 1e-12);
        assertEquals(-2.0, BeamSearch.score(-6, 3, BeamSearch.LengthPenalty.AVERAGE, 1.0), 1e-12);
        assertEquals(-6.0, BeamSearch.score(-6, 3, BeamSearch.LengthPenalty.NONE, 0.6), 1e-12);
        // a longer sequence with a better per-token average wins only with the penalty
        double[][] p = {
                {0.0, 0.45, 0.55, 0.0}, {0.25, 0.25, 0.25, 0.25}, {0.0, 0.0, 0.0, 1.0}, {0.0, 0.6, 0.0, 0.4}};
        MarkovModel m = new MarkovModel(p);
        var plain = BeamSearch.search(m, new int[]{0}, START, BeamSearch.Options.of(4, 6, END)).get(0);
        var avg = BeamSearch.search(m, new int[]{0}, START, BeamSearch.Options.of(4, 6, END).withPenalty(BeamSearch.LengthPenalty.AVERAGE, 1)).get(0);
        assertArrayEquals(new int[0], plain.tokens());
        assertArrayEquals(new int[]{2, 3}, avg.tokens());
    }

    @Test void greedyDecodesRowsTogetherAndStopsAtMaxLength() {
        MarkovModel m = MarkovModel.random(5, 7);
        List<Hypothesis> hs = Greedy.decode(m, new int[]{0, 0, 0}, new int[]{0, 2, 4}, END, 3);
        assertEquals(3, hs.size());
        for (int r = 0; r < 3; r++) {
            Hypothesis one = Greedy.decode(m, new int[]{0}, new int[]{new int[]{0, 2, 4}[r]}, END, 3).get(0);
            assertArrayEquals(one.tokens(), hs.get(r).tokens());
            assertTrue(hs.get(r).tokens().length <= 3);
        }
    }

    @Test void samplingIsSeededAndRespectsTopKAndTopP() {
        MarkovModel m = MarkovModel.random(6, 3);
        var o = Sampler.Options.of(10, END);
        var a = Sampler.sample(m, new int[]{0, 0}, new int[]{START, START}, o, new Rng(5));
        var b = Sampler.sample(m, new int[]{0, 0}, new int[]{START, START}, o, new Rng(5));
        for (int r = 0; r < 2; r++) assertArrayEquals(a.get(r).tokens(), b.get(r).tokens());
        Hypothesis g = Greedy.decode(m, new int[]{0}, new int[]{START}, END, 10).get(0);
        for (var greedyLike : List.of(o.withTopK(1), o.withTopP(1e-9), o.withTemperature(0))) {
            assertArrayEquals(g.tokens(), Sampler.sample(m, new int[]{0}, new int[]{START}, greedyLike, new Rng(1)).get(0).tokens());
        }
    }

    @Test void drawMatchesTheFilteredDistribution() {
        double[] p = {0.5, 0.25, 0.15, 0.1};
        double[] lp = new double[4];
        for (int i = 0; i < 4; i++) lp[i] = Math.log(p[i]);
        Rng rng = new Rng(11);
        int n = 40000;
        int[] full = new int[4], k2 = new int[4], p07 = new int[4], hot = new int[4];
        var o = Sampler.Options.of(1, 0);
        for (int i = 0; i < n; i++) {
            full[Sampler.draw(lp, o, rng)]++;
            k2[Sampler.draw(lp, o.withTopK(2), rng)]++;
            p07[Sampler.draw(lp, o.withTopP(0.7), rng)]++;
            hot[Sampler.draw(lp, o.withTemperature(2.0), rng)]++;
        }
        for (int i = 0; i < 4; i++) assertEquals(p[i], full[i] / (double) n, 0.01);
        assertEquals(2.0 / 3, k2[0] / (double) n, 0.01);
        assertEquals(0, k2[2] + k2[3]);
        assertEquals(0, p07[2] + p07[3], "0.5 + 0.25 ≥ 0.7: the nucleus is the two best");
        double z = 0;
        for (double x : p) z += Math.sqrt(x);
        assertEquals(Math.sqrt(0.1) / z, hot[3] / (double) n, 0.01, "τ = 2 flattens: p^(1/2) normalised");
    }

    @Test void badOptionsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> BeamSearch.Options.of(2, 5, 1).withNBest(3));
        assertThrows(IllegalArgumentException.class, () -> Sampler.Options.of(5, 1).withTopP(0));
        var e = assertThrows(io.seqlearn.tensor.ShapeException.class, () -> Greedy.decode(new MarkovModel(new double[][]{{1}}) {
            @Override public Step<int[]> step(int[] s, int[] t) { return new Step<>(io.seqlearn.tensor.Tensors.zeros(io.seqlearn.tensor.DType.F64, 3), s); }
        }, new int[]{0}, new int[]{0}, 1, 2));
        assertEquals("decode: step scores expected (1, V), got (3,)", e.getMessage());
    }
}
