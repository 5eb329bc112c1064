package io.seqlearn.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seqlearn.backend.cpu.CpuBackend;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** CpuBackend's parallel loop helpers: coverage, chunking, nesting, errors. */
class CpuBackendParallelTest {

    @Test
    void everyIndexRunsExactlyOnceForAnyThreadCount() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            try (CpuBackend cpu = new CpuBackend(threads)) {
                for (int n : new int[] {0, 1, 5, 64, 1000, 10_007}) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(n);
                    cpu.parallelFor(n, hits::incrementAndGet);
                    for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "threads=" + threads + " n=" + n + " i=" + i);
                }
            }
        }
    }

    @Test
    void chunksAreContiguousNoSmallerThanGrainAndRunConcurrently() {
        try (CpuBackend cpu = new CpuBackend(4)) {
            Set<String> ranges = ConcurrentHashMap.newKeySet();
            CountDownLatch allStarted = new CountDownLatch(3);
            AtomicInteger concurrent = new AtomicInteger();
            cpu.parallelRange(1000, 300, (from, to) -> {
                ranges.add(from + ".." + to);
                allStarted.countDown();
                try {
                    // Only passes if the three chunks are running at the same time on three threads.
                    if (allStarted.await(10, TimeUnit.SECONDS)) concurrent.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertEquals(Set.of("0..334", "334..668", "668..1000"), ranges);
            assertEquals(3, concurrent.get());
        }
    }

    @Test
    void nestedLoopsFinishAndCoverEverything() {
        try (CpuBackend cpu = new CpuBackend(3)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(40 * 50);
            cpu.parallelFor(40, i -> cpu.parallelFor(50, j -> hits.incrementAndGet(i * 50 + j)));
            for (int i = 0; i < hits.length(); i++) assertEquals(1, hits.get(i));
        }
    }

    @Test
    void aLoopNestedInASplitThatUsesEveryThreadRunsOnItsChunksThread() {
        try (CpuBackend cpu = new CpuBackend(2)) {
            AtomicInteger foreign = new AtomicInteger(), nestedRuns = new AtomicInteger();
            cpu.parallelRange(2, 1, (from, to) -> {
                Thread outer = Thread.currentThread();
                cpu.parallelRange(1000, 10, (f, t) -> {
                    nestedRuns.incrementAndGet();
                    if (Thread.currentThread() != outer) foreign.incrementAndGet();
                });
            });
            assertEquals(2, nestedRuns.get());   // one inline run per outer chunk, not split again
            assertEquals(0, foreign.get());
            // after the split, the same loop at the top level is split again
            Set<String> ranges = ConcurrentHashMap.newKeySet();
            cpu.parallelRange(1000, 10, (f, t) -> ranges.add(f + ".." + t));
            assertEquals(Set.of("0..500", "500..1000"), ranges);
        }
        try (CpuBackend cpu = new CpuBackend(4)) {   // an outer split over 2 of 4 threads leaves room to nest
            Set<String> ranges = ConcurrentHashMap.newKeySet();
            cpu.parallelRange(2, 1, (from, to) -> {
                if (from == 0) cpu.parallelRange(1000, 300, (f, t) -> ranges.add(f + ".." + t));
            });
            assertEquals(Set.of("0..334", "334..668", "668..1000"), ranges);
        }
    }

    @Test
    void exceptionInAWorkerChunkReachesTheCaller() {
        try (CpuBackend cpu = new CpuBackend(2)) {
            var e = assertThrows(IllegalStateException.class, () -> cpu.parallelRange(100, 10, (from, to) -> {
                if (from > 0) throw new IllegalStateException("chunk " + from);
            }));
            assertEquals("chunk 50", e.getMessage());
        }
    }

    @Test
    void threadCountIsValidated() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CpuBackend(0));
        assertEquals("CpuBackend: threads expected >= 1, got 0", e.getMessage());
        try (CpuBackend cpu = new CpuBackend(5)) {
            assertEquals(5, cpu.threads());
        }
    }
}
