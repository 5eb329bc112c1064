package io.seqlearn.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OpenBlasCoreTypeTest {
    private static final String AVX2 = "fpu sse sse2 avx fma avx2 bmi2";
    private static final String AVX512 = AVX2 + " avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16";

    private static String cpuinfo(String vendor, String flags) {
        return "processor\t: 0\nvendor_id\t: " + vendor + "\ncpu family\t: 26\nmodel name\t: AMD EPYC\n"
                + "flags\t\t: " + flags + "\n\nprocessor\t: 1\nvendor_id\t: " + vendor + "\nflags\t\t: " + flags + "\n";
    }

    @Test
    void amdWithAvx512GetsTheAvx512Kernels() {
        assertEquals("SkylakeX", OpenBlasCoreType.choose(cpuinfo("AuthenticAMD", AVX512)));
    }

    @Test
    void amdWithoutAvx512IsLeftToOpenBlas() {
        assertNull(OpenBlasCoreType.choose(cpuinfo("AuthenticAMD", AVX2)));
        // avx512f alone (no bw/dq/vl) is not what the SkylakeX kernels need
        assertNull(OpenBlasCoreType.choose(cpuinfo("AuthenticAMD", AVX2 + " avx512f")));
    }

    @Test
    void intelIsLeftToOpenBlas() {
        assertNull(OpenBlasCoreType.choose(cpuinfo("GenuineIntel", AVX512)));
    }

    @Test
    void unreadableTextIsLeftToOpenBlas() {
        assertNull(OpenBlasCoreType.choose(""));
        assertNull(OpenBlasCoreType.choose("vendor_id: AuthenticAMD\n"));
    }

    @Test
    void theLoadedLibraryUsesTheChosenKernels() {
        String chosen = OpenBlasCoreType.forThisMachine();
        if (chosen == null || System.getenv("OPENBLAS_CORETYPE") != null || !OpenBlas.available()) return;
        assertEquals(chosen, OpenBlas.coreName());
    }
}
