package io.seqlearn.bench.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsTest {
    private static RunResult run(String c, int round, Double... ms) {
        return new RunResult(c, "r", round, List.of(ms), 1, 1, null, null);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Stats.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertTrue(Double.isNaN(Stats.median(List.of())));
    }

    @Test
    void speedupIsTheMedianOfPerRoundRatiosNotTheRatioOfMedians() {
        // The machine slows down 3x in round 2; within every round the peer takes twice as long.
        List<RunResult> seq = List.of(run("seqlearn", 1, 10.0), run("seqlearn", 2, 30.0), run("seqlearn", 3, 12.0));
        List<RunResult> peer = List.of(run("pytorch", 1, 20.0), run("pytorch", 2, 60.0), run("pytorch", 3, 24.0));
        assertEquals(2.0, Stats.pairedSpeedup(seq, peer), 1e-12);
        // A pooled ratio of medians would say 24/12 = 2 here only by luck; shift the peer's slow round:
        List<RunResult> peer2 = List.of(run("pytorch", 1, 60.0), run("pytorch", 2, 60.0), run("pytorch", 3, 24.0));
        assertEquals(2.0, Stats.pairedSpeedup(seq, peer2), 1e-12);  // ratios 6, 2, 2
        assertEquals(3, Stats.pairedRounds(seq, peer2));
    }

    @Test
    void onlyRoundsWhereBothRanArePaired() {
        List<RunResult> seq = List.of(run("seqlearn", 1, 10.0), run("seqlearn", 2, 10.0));
        List<RunResult> peer = List.of(run("dl4j", 1, 40.0));
        assertEquals(4.0, Stats.pairedSpeedup(seq, peer), 1e-12);
        assertEquals(1, Stats.pairedRounds(seq, peer));
        assertTrue(Double.isNaN(Stats.pairedSpeedup(seq, List.of(run("dl4j", 3, 40.0)))));
    }

    @Test
    void failedAndNaRunsAreNotPaired() {
        List<RunResult> seq = List.of(run("seqlearn", 1, 10.0));
        List<RunResult> peer = List.of(new RunResult("dl4j", "r", 1, List.of(), -1, -1, "no GRU", null));
        assertTrue(Double.isNaN(Stats.pairedSpeedup(seq, peer)));
    }
}
