package io.seqlearn.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * CpuBackend's element-wise kernels give the same bits in the interpreter (where the Vector API runs its
 * plain-Java fallback) as after JIT compilation (intrinsics). The JDK's own vector EXP/TANH/LOG/POW fail
 * this (they switch from Math.exp to a native library when compiled), which made a resumed training run
 * differ from an uninterrupted one in the last bit; see VectorMath.
 */
class KernelDeterminismTest {

    @Test
    void interpretedAndCompiledKernelsAgreeBitForBit() throws IOException, InterruptedException {
        String interpreted = probe("-Xint", "1");
        // C2 only, compiling synchronously after 200 calls or loop iterations: the later rounds run compiled.
        String compiled = probe("-Xbatch -XX:-TieredCompilation -XX:CompileThreshold=200", "40");
        assertEquals(interpreted, compiled);
    }

    private static String probe(String jitFlags, String rounds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(jitFlags.split(" ")));
        cmd.addAll(List.of("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), DeterminismProbe.class.getName(), rounds));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe timed out: " + cmd);
        assertEquals(0, p.exitValue(), "probe failed: " + cmd);
        return out;
    }
}
