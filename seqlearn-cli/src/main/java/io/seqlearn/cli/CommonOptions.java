package io.seqlearn.cli;

import picocli.CommandLine.Option;

/** Options every command takes (a picocli mixin). */
public final class CommonOptions {
    @Option(names = "--seed", description = "Random seed: weights, data order, dropout, sampling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for the math kernels and OpenBLAS (default: all cores of this machine).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", description = "Print the result as one JSON object on stdout (progress stays on stderr).")
    boolean json;

    @Option(names = "--debug", description = "Show the full stack trace of an error.")
    boolean debug;

    public long seed() { return seed; }

    public int threads() { return threads; }

    public boolean json() { return json; }
}
