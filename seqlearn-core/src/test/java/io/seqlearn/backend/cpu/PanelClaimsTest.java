package io.seqlearn.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Every panel is handed out exactly once, whoever runs it, and an on-time thread runs just its own share. */
class PanelClaimsTest {
    @Test
    void eachThreadAloneCoversItsShareThenTheRest() {
        for (int panels : new int[] {1, 2, 3, 7, 16, 63, 64, 100, 128}) {
            for (int parts = 1; parts <= Math.min(4, panels); parts++) {
                PanelClaims claims = new PanelClaims(panels, parts);
                int[] runs = new int[panels];
                List<int[]> ranges = new ArrayList<>();
                claims.work(0, (from, to) -> {
                    ranges.add(new int[] {from, to});
                    for (int j = from; j < to; j++) runs[j]++;
                });
                for (int home = 1; home < parts; home++) claims.work(home, (from, to) -> {
                    throw new AssertionError("nothing should be left for share " + from);
                });
                for (int j = 0; j < panels; j++) assertEquals(1, runs[j], "panel " + j + " of " + panels);
                // thread 0 ran its own share first, front to back
                int share = (panels + parts - 1) / parts;
                assertEquals(0, ranges.get(0)[0]);
                assertTrue(ranges.get(0)[1] <= share);
            }
        }
    }

    @Test
    void onTimeThreadsRunExactlyTheirShares() {
        int panels = 100, parts = 3, share = 34;
        PanelClaims claims = new PanelClaims(panels, parts);
        for (int h = 0; h < parts; h++) {
            int home = h, lo = home * share, hi = Math.min(panels, lo + share);
            int[] covered = {0};
            // each thread takes only its own pieces before looking elsewhere; run them one share at a time
            claims.workOwn(home, (from, to) -> {
                assertTrue(from >= lo && to <= hi, "share " + home + " got [" + from + ", " + to + ")");
                covered[0] += to - from;
            });
            assertEquals(hi - lo, covered[0]);
        }
    }

    @Test
    void concurrentThreadsCoverEveryPanelOnce() throws InterruptedException {
        for (int trial = 0; trial < 50; trial++) {
            int panels = 37 + trial, parts = 2 + trial % 3;
            PanelClaims claims = new PanelClaims(panels, parts);
            AtomicIntegerArray runs = new AtomicIntegerArray(panels);
            Thread[] threads = new Thread[parts];
            for (int t = 0; t < parts; t++) {
                int home = t;
                threads[t] = new Thread(() -> claims.work(home, (from, to) -> {
                    for (int j = from; j < to; j++) runs.incrementAndGet(j);
                }));
                threads[t].start();
            }
            for (Thread t : threads) t.join();
            for (int j = 0; j < panels; j++) assertEquals(1, runs.get(j), "panel " + j + " trial " + trial);
        }
    }
}
