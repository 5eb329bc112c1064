package io.seqlearn.backend.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Which kernel family to ask OpenBLAS for, where its own CPU detection picks a slower one.
 *
 * <p>OpenBLAS 0.3.28 (the bundled build) does not know AMD's Zen 5 (family 0x1A) and falls back to its
 * AVX2 "Haswell" kernels on a CPU with full-width AVX-512: measured on a 2-core Zen 5 here, a 2048³ sgemm
 * ran 1.8× faster with the AVX-512 "SkylakeX" kernels (best step 46 ms against 83 ms). Any AMD CPU with the
 * four AVX-512 subsets the SkylakeX kernels use gets them; Intel CPUs are detected correctly and are left
 * alone, and so is a user's own {@code OPENBLAS_CORETYPE}.
 */
final class OpenBlasCoreType {
    static final String AVX512 = "SkylakeX";
    private static final Set<String> AVX512_FLAGS = Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl");

    private OpenBlasCoreType() {}

    /** The core type to set for the CPU that {@code /proc/cpuinfo} text describes, or null to let OpenBLAS choose. */
    static String choose(String cpuinfo) {
        String vendor = null;
        Set<String> flags = null;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).trim(), value = line.substring(colon + 1).trim();
            if (vendor == null && key.equals("vendor_id")) vendor = value;
            if (flags == null && key.equals("flags")) flags = Set.of(value.split("\\s+"));
            if (vendor != null && flags != null) break;
        }
        if (!"AuthenticAMD".equals(vendor) || flags == null || !flags.containsAll(AVX512_FLAGS)) return null;
        return AVX512;
    }

    /** {@link #choose} for this machine; null off Linux or when /proc/cpuinfo cannot be read. */
    static String forThisMachine() {
        try {
            Path p = Path.of("/proc/cpuinfo");
            return Files.isReadable(p) ? choose(Files.readString(p)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
