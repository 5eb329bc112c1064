package io.seqlearn.bench.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU model (from /proc/cpuinfo), the core count the OS reports and the JDK, for the report header. */
final class Machine {
    private Machine() {}

    static String describe() {
        String model = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (Exception ignored) {
            // not Linux: keep "unknown CPU"
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return model + ", " + cores + " cores visible; " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + "; JDK " + System.getProperty("java.vm.version");
    }
}
