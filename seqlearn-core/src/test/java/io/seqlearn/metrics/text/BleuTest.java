package io.seqlearn.metrics.text;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-checked BLEU cases: n-gram counts were listed by hand, and the expected scores are
 * exp(mean(log p_n)) of those precisions, computed separately with Python's math module.
 */
class BleuTest {
    private static final double EPS = 1e-9;

    @Test
    void perfectMatchIs100AndNoMatchIs0() {
        assertEquals(100.0, Bleu.corpus(List.of("the cat sat on the mat"), List.of(List.of("the cat sat on the mat"))).score(), EPS);
        BleuScore zero = Bleu.corpus(List.of("x y z w"), List.of(List.of("a b c d")));
        assertEquals(0.0, zero.score());
        assertArrayEquals(new double[4], zero.precisions());
    }

    @Test
    void precisionsCountsAndExpSmoothing() {
        // 1-grams 5/6, 2-grams 3/5, 3-grams 1/4, 4-grams 0/3 -> exp smoothing 100 / (2 * 3)
        BleuScore s = Bleu.corpus(List.of("the cat sat on the mat"), List.of(List.of("the cat is on the mat")));
        assertArrayEquals(new long[] {5, 3, 1, 0}, s.counts());
        assertArrayEquals(new long[] {6, 5, 4, 3}, s.totals());
        assertArrayEquals(new double[] {500.0 / 6, 60, 25, 100.0 / 6}, s.precisions(), EPS);
        assertEquals(1.0, s.bp());
        assertEquals(37.99178428257963, s.score(), EPS);
        assertEquals(6, s.sysLen());
        assertEquals(6, s.refLen());
    }

    @Test
    void successiveZeroOrdersHalveTheSmoothingAgain() {
        // 4/5, 2/4, 0/3 -> 100/(2*3), 0/2 -> 100/(4*2)
        BleuScore s = Bleu.corpus(List.of("a b c d e"), List.of(List.of("a b x d e")));
        assertArrayEquals(new double[] {80, 50, 100.0 / 6, 12.5}, s.precisions(), EPS);
        assertEquals(30.213753973567677, s.score(), EPS);
    }

    @Test
    void tokenizationCountsPunctuation() {
        // "Hello , world !" vs "Hello world !": 3/4, 1/3, 0/2 -> 25, 0/1 -> 25
        BleuScore s = Bleu.corpus(List.of("Hello, world!"), List.of(List.of("Hello world!")));
        assertArrayEquals(new double[] {75, 100.0 / 3, 25, 25}, s.precisions(), EPS);
        assertEquals(4, s.sysLen());
        assertEquals(3, s.refLen());
        assertEquals(35.35533905932737, s.score(), EPS);
        BleuScore none = Bleu.corpus(List.of("Hello, world!"), List.of(List.of("Hello world!")),
                Bleu.Options.corpusDefaults().withTokenization(Bleu.Tokenization.NONE));
        assertEquals(2, none.sysLen());
    }

    @Test
    void brevityPenaltyAndEffectiveOrder() {
        // hyp 2 tokens vs ref 6: BP = exp(1 - 6/2); orders 3 and 4 have no n-grams at all.
        List<String> hyp = List.of("the cat");
        List<List<String>> ref = List.of(List.of("the cat sat on the mat"));
        BleuScore corpus = Bleu.corpus(hyp, ref);
        assertEquals(Math.exp(1 - 6.0 / 2), corpus.bp(), EPS);
        assertEquals(0.0, corpus.score(), 1e-12, "without effective order the empty orders zero the score");
        BleuScore sentence = Bleu.sentence("the cat", List.of("the cat sat on the mat"));
        assertEquals(13.53352832366127, sentence.score(), EPS);
    }

    @Test
    void multipleReferencesClipToTheMaxCountAndPickTheClosestLength() {
        // hyp "the the the": ref A has "the" once, ref B twice -> 2/3 matched.
        BleuScore s = Bleu.corpus(List.of("the the the"), List.of(List.of("the cat"), List.of("the the dog sat")));
        assertEquals(2, s.counts()[0]);
        assertEquals(3, s.totals()[0]);
        // Length 3 is 1 from both 2 and 4: the shorter, 2, is taken.
        assertEquals(2, s.refLen());
    }

    @Test
    void emptyReferencesAreIgnoredPerSegment() {
        BleuScore s = Bleu.corpus(List.of("a b", "c d"), List.of(Arrays.asList("a b", null), List.of("", "c d")),
                Bleu.Options.corpusDefaults().withEffectiveOrder(true));
        assertEquals(100.0, s.score(), EPS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpus(List.of("a"), List.of(List.of(""))));
        assertTrue(e.getMessage().contains("segment 0 has no non-empty reference"));
    }

    @Test
    void corpusStatisticsAreSummedNotAveraged() {
        List<String> hyps = List.of("the cat sat on the mat", "a b c d e");
        List<List<String>> refs = List.of(List.of("the cat is on the mat", "a b x d e"));
        BleuScore corpus = Bleu.corpus(hyps, refs);
        assertArrayEquals(new long[] {9, 5, 1, 0}, corpus.counts());
        assertArrayEquals(new long[] {11, 9, 7, 5}, corpus.totals());
        BleuScore manual = Bleu.fromStatistics(new long[] {9, 5, 1, 0}, new long[] {11, 9, 7, 5}, 11, 11,
                Bleu.Options.corpusDefaults());
        assertEquals(manual.score(), corpus.score(), 0.0);
        double meanOfSentences = (37.99178428257963 + 30.213753973567677) / 2;
        assertNotEquals(meanOfSentences, corpus.score(), 1e-3);
    }

    @Test
    void lowercaseOption() {
        List<String> hyp = List.of("The Cat");
        List<List<String>> ref = List.of(List.of("the cat"));
        assertEquals(0.0, Bleu.corpus(hyp, ref, Bleu.Options.sentenceDefaults()).score());
        assertEquals(100.0, Bleu.corpus(hyp, ref, Bleu.Options.sentenceDefaults().withLowercase(true)).score(), EPS);
    }

    @Test
    void otherSmoothingMethods() {
        long[] correct = {5, 3, 1, 0};
        long[] total = {6, 5, 4, 3};
        BleuScore none = Bleu.fromStatistics(correct, total, 6, 6, Bleu.Options.corpusDefaults().withSmoothing(Bleu.Smoothing.NONE, Double.NaN));
        assertEquals(0.0, none.score(), 1e-300);
        BleuScore floor = Bleu.fromStatistics(correct, total, 6, 6, Bleu.Options.corpusDefaults().withSmoothing(Bleu.Smoothing.FLOOR, Double.NaN));
        assertEquals(100 * 0.1 / 3, floor.precisions()[3], EPS);
        BleuScore addK = Bleu.fromStatistics(correct, total, 6, 6, Bleu.Options.corpusDefaults().withSmoothing(Bleu.Smoothing.ADD_K, Double.NaN));
        assertArrayEquals(new double[] {500.0 / 6, 400.0 / 6, 200.0 / 5, 100.0 / 4}, addK.precisions(), EPS);
    }

    @Test
    void mismatchedStreamsAreAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpus(List.of("a", "b"), List.of(List.of("a"))));
        assertEquals("bleu: 2 hypotheses but reference stream 0 has 1 segments", e.getMessage());
    }

    @Test
    void formatsLikeSacreBleu() {
        BleuScore s = Bleu.corpus(List.of("the cat sat on the mat"), List.of(List.of("the cat is on the mat")));
        assertEquals("BLEU = 37.99 83.3/60.0/25.0/16.7 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)", s.toString());
    }
}
