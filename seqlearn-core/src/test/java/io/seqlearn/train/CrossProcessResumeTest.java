package io.seqlearn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.seqlearn.io.ModelFile;
import io.seqlearn.io.ModelFileContents;
import io.seqlearn.io.TensorData;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill-and-resume across processes (issue 4): a run killed with SIGKILL mid-epoch and resumed in a new JVM
 * from its last checkpoint ends with the same weights, optimizer state and trainer state, bit for bit, as an
 * uninterrupted run. The three processes deliberately run on different JIT tiers — C2 (hot kernels compiled
 * before the first step), C1 only, the interpreter — in both directions (compiled run vs interpreted resume,
 * interpreted run vs compiled resume), because a kernel whose last bit depends on the tier (a Vector API
 * intrinsic vs its Java fallback, a reduction's lane order, a Math intrinsic) would pass an in-process
 * resume test and fail a real restart. Checked to be sensitive: putting the JDK's {@code lanewise(EXP/TANH)}
 * back into {@code VectorMath}, or {@code reduceLanes(ADD)} into {@code Lanes}, makes it fail.
 * ({@code ModelFilesTest} covers the same inside one JVM; {@code KernelDeterminismTest} the single kernels.)
 */
class CrossProcessResumeTest {
    /** Hot kernels compiled by C2 before the recorded work starts (blocking compiles, see ResumeProbe.warmUpKernels). */
    private static final List<String> COMPILED = List.of("-Xbatch", "-D" + ResumeProbe.WARM_UP + "=700");
    /** C1 only: the Vector API runs its Java fallback, as in the interpreter, but compiled. */
    private static final List<String> C1_ONLY = List.of("-XX:TieredStopAtLevel=1");
    private static final List<String> INTERPRETED = List.of("-Xint");
    /** Per child process; each takes a few seconds, far more only on a badly overloaded machine. */
    private static final int TIMEOUT_S = 180;

    @TempDir Path dir;

    @Test void lstmRunKilledOnC1AndResumedInterpretedEqualsCompiledRun() throws Exception {
        killAndResume(ResumeRecipes.LSTM_CLASSIFIER, 4, 2, 1, COMPILED, C1_ONLY, INTERPRETED);
    }

    @Test void transformerRunKilledOnC1AndResumedCompiledEqualsInterpretedRun() throws Exception {
        killAndResume(ResumeRecipes.GRU_TRANSFORMER_TAGGER, 4, 1, 1, INTERPRETED, C1_ONLY, COMPILED);
    }

    /**
     * A: {@code epochs} uninterrupted. B: the same run, killed (SIGKILL) at step {@code stopStep} of epoch
     * {@code stopEpoch}, i.e. after the checkpoint of epoch {@code stopEpoch} (1-based) and with later updates in
     * memory that the kill loses. C: resumes from B's newest checkpoint to {@code epochs}. Every checkpoint of A
     * equals B's or C's of the same epoch.
     */
    private void killAndResume(ResumeRecipes recipe, int epochs, int stopEpoch, int stopStep,
                               List<String> jitA, List<String> jitB, List<String> jitC) throws Exception {
        Path a = Files.createDirectory(dir.resolve("a")), b = Files.createDirectory(dir.resolve("b")),
                c = Files.createDirectory(dir.resolve("c"));
        run(jitA, a, "straight", recipe.name(), a.toString(), "" + epochs);

        Process killed = start(jitB, b, "interrupted", recipe.name(), b.toString(), "" + epochs, "" + stopEpoch, "" + stopStep);
        Path last;
        try {
            awaitLine(killed, "WAITING", b);
            last = newestCheckpoint(b);
        } finally {
            killed.destroyForcibly();
        }
        assertTrue(killed.waitFor(60, TimeUnit.SECONDS), "B did not die");
        assertEquals(137, killed.exitValue(), "B should have died of SIGKILL (128 + 9)");
        assertEquals(ResumeRecipes.checkpoint(b, stopEpoch), last, "B should have checkpointed exactly " + stopEpoch + " epochs");

        run(jitC, c, "resume", recipe.name(), c.toString(), "" + epochs, last.toString());

        for (int e = 1; e <= epochs; e++) {
            Path other = e <= stopEpoch ? ResumeRecipes.checkpoint(b, e) : ResumeRecipes.checkpoint(c, e);
            Path want = ResumeRecipes.checkpoint(a, e);
            assertSameState(ModelFile.read(want), ModelFile.read(other), "epoch " + e + " " + other);
            assertArrayEquals(Files.readAllBytes(want), Files.readAllBytes(other), "epoch " + e + ": file bytes");
        }
        assertFalse(Files.exists(ResumeRecipes.checkpoint(c, stopEpoch)), "C should not have retrained epoch " + stopEpoch);
    }

    /** Weights and optimizer tensors equal in dtype, shape and every byte; trainer blobs (counters, history, callback state) equal. */
    static void assertSameState(ModelFileContents want, ModelFileContents got, String what) {
        assertSameTensors(want.weights(), got.weights(), what + " weights");
        assertFalse(want.optimizerState().isEmpty(), what + ": no optimizer state in the checkpoint");
        assertSameTensors(want.optimizerState(), got.optimizerState(), what + " optimizer state");
        assertEquals(want.blob(ModelFile.TRAINER), got.blob(ModelFile.TRAINER), what + " trainer state");
    }

    private static void assertSameTensors(Map<String, TensorData> want, Map<String, TensorData> got, String what) {
        assertEquals(want.keySet(), got.keySet(), what + ": names");
        List<String> differ = new ArrayList<>();
        for (var e : want.entrySet()) {
            TensorData w = e.getValue(), g = got.get(e.getKey());
            assertEquals(w.dtype(), g.dtype(), what + " " + e.getKey() + ": dtype");
            assertTrue(Arrays.equals(w.shape(), g.shape()), what + " " + e.getKey() + ": shape");
            if (!w.data().equals(g.data())) differ.add(e.getKey() + " " + firstDifference(w, g));
        }
        if (!differ.isEmpty()) fail(what + " differ in the last bits: " + differ);
    }

    /** "(n of m elements differ, first at i: want … got …)" for F32/F64 data, raw otherwise. */
    private static String firstDifference(TensorData w, TensorData g) {
        ByteBuffer x = w.data().duplicate().order(ByteOrder.LITTLE_ENDIAN), y = g.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int width = w.dtype().name().equals("F64") ? 8 : 4;
        int n = x.remaining() / width, count = 0, first = -1;
        for (int i = 0; i < n; i++) {
            long p = width == 8 ? x.getLong(x.position() + 8 * i) : x.getInt(x.position() + 4 * i);
            long q = width == 8 ? y.getLong(y.position() + 8 * i) : y.getInt(y.position() + 4 * i);
            if (p != q && count++ == 0) first = i;
        }
        if (first < 0) return "(bytes differ)";
        String wv = width == 8 ? "" + x.getDouble(x.position() + 8 * first) : "" + x.getFloat(x.position() + 4 * first);
        String gv = width == 8 ? "" + y.getDouble(y.position() + 8 * first) : "" + y.getFloat(y.position() + 4 * first);
        return "(" + count + " of " + n + " differ, first at " + first + ": want " + wv + " got " + gv + ")";
    }

    private static Path newestCheckpoint(Path d) throws IOException {
        try (var files = Files.list(d)) {
            return files.filter(p -> p.getFileName().toString().matches("ckpt-\\d+\\.safetensors")).sorted()
                    .reduce((p, q) -> q).orElseThrow(() -> new AssertionError("no checkpoint in " + d));
        }
    }

    private static void run(List<String> jit, Path log, String... args) throws Exception {
        Process p = start(jit, log, args);
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("probe " + String.join(" ", args) + " timed out" + logs(log));
        }
        assertEquals(0, p.exitValue(), "probe " + String.join(" ", args) + " failed" + logs(log));
        assertTrue(Files.readString(log.resolve("stdout.txt")).contains("DONE"), "probe did not finish" + logs(log));
    }

    /** Waits until the process prints {@code line}; fails if it ends first or takes too long. */
    private static void awaitLine(Process p, String line, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        Path out = log.resolve("stdout.txt");
        while (!Files.readString(out).lines().anyMatch(line::equals)) {
            if (!p.isAlive()) fail("probe ended (exit " + p.exitValue() + ") before printing " + line + logs(log));
            if (System.nanoTime() > deadline) fail("probe did not print " + line + " in " + TIMEOUT_S + " s" + logs(log));
            Thread.sleep(20);
        }
    }

    private static String logs(Path log) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String name : List.of("stdout.txt", "stderr.txt")) {
            Path f = log.resolve(name);
            if (Files.exists(f)) s.append("\n").append(name).append(":\n").append(Files.readString(f));
        }
        return s.toString();
    }

    /** A fresh JVM running {@link ResumeProbe} on this test's class path with the test JVM flags plus {@code jit}. */
    private static Process start(List<String> jit, Path log, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jit);
        cmd.addAll(List.of("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss16m", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), ResumeProbe.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(log.resolve("stdout.txt").toFile())
                .redirectError(log.resolve("stderr.txt").toFile()).start();
    }
}
