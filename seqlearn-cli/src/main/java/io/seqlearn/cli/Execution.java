package io.seqlearn.cli;

import io.seqlearn.backend.cpu.CpuBackend;
import io.seqlearn.tensor.Backends;

import java.util.concurrent.Callable;

/**
 * Runs a command's body on a CPU backend with the requested thread count. The backend is made the
 * default for every tensor created during the call through {@link Backends#withDefault} (a scoped value,
 * not a global setting; see docs/cli.md "Threads"), and closed afterwards.
 */
final class Execution {
    private Execution() {}

    static int run(CommonOptions common, Callable<Integer> body) throws Exception {
        if (common.threads() < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + common.threads());
        try (CpuBackend cpu = new CpuBackend(common.threads())) {
            return Backends.withDefault(cpu, body::call);
        }
    }
}
