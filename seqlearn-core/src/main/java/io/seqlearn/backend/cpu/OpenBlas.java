package io.seqlearn.backend.cpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * OpenBLAS {@code cblas_sgemm}/{@code cblas_dgemm} called through the FFM API on Java arrays, with no copy.
 *
 * <p>The library is the one the {@code org.bytedeco:openblas} jar ships; JavaCPP's {@code Loader} extracts
 * it (to {@code ~/.javacpp/cache}) and we look its symbols up with {@link SymbolLookup#libraryLookup}. We
 * load the {@code openblas_nolapack} preset: loading {@code openblas} as well maps a second, identical
 * copy of {@code libopenblas.so.0} with its own thread pool.
 *
 * <p>The downcalls are {@link Linker.Option#critical(boolean) critical} with heap access, so
 * {@code MemorySegment.ofArray(float[])} is passed as a pinned pointer into the Java heap (JDK 22+). The
 * price: the garbage collector cannot run while a call is in progress, which for a 2048³ product is about
 * 0.1 s; that is acceptable for a compute library and saves copying every operand to native memory.
 */
final class OpenBlas {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private static final Throwable LOAD_ERROR;
    private static final MethodHandle SGEMM;
    private static final MethodHandle DGEMM;
    private static final MethodHandle GET_THREADS;
    private static final MethodHandle SET_THREADS;
    private static final String CORE_NAME;

    static {
        MethodHandle sgemm = null, dgemm = null, setThreads = null, getThreads = null;
        String core = null;
        Throwable error = null;
        try {
            setEnvBeforeLoad("OPENBLAS_THREAD_TIMEOUT", "4");
            String coreType = OpenBlasCoreType.forThisMachine();
            if (coreType != null) setEnvBeforeLoad("OPENBLAS_CORETYPE", coreType);
            SymbolLookup lib = SymbolLookup.libraryLookup(libraryPath(), Arena.global());
            Linker linker = Linker.nativeLinker();
            Linker.Option critical = Linker.Option.critical(true);
            sgemm = linker.downcallHandle(find(lib, "cblas_sgemm"), gemmDescriptor(JAVA_FLOAT), critical);
            dgemm = linker.downcallHandle(find(lib, "cblas_dgemm"), gemmDescriptor(JAVA_DOUBLE), critical);
            // The bytedeco Java API calls this blas_set_num_threads; the C symbol is openblas_set_num_threads.
            setThreads = linker.downcallHandle(find(lib, "openblas_set_num_threads"),
                    FunctionDescriptor.ofVoid(JAVA_INT));
            getThreads = linker.downcallHandle(find(lib, "openblas_get_num_threads"),
                    FunctionDescriptor.of(JAVA_INT));
            MemorySegment name = (MemorySegment) linker.downcallHandle(find(lib, "openblas_get_corename"),
                    FunctionDescriptor.of(ADDRESS)).invokeExact();
            core = name.reinterpret(256).getString(0);
            // Single-threaded for good: CpuBackend splits products over its own pool (see its class comment).
            setThreads.invokeExact(1);
        } catch (Throwable t) {
            error = t;
            sgemm = dgemm = setThreads = getThreads = null;
        }
        SGEMM = sgemm;
        DGEMM = dgemm;
        GET_THREADS = getThreads;
        SET_THREADS = setThreads;
        CORE_NAME = core;
        LOAD_ERROR = error;
    }

    private OpenBlas() {}

    /**
     * Sets an OpenBLAS variable in this process's environment, unless the user set it: OpenBLAS reads them
     * when it loads. {@code OPENBLAS_THREAD_TIMEOUT=4}: its worker threads otherwise spin for 2^28 cycles
     * (~0.1 s) after each threaded call before they sleep, taking a core from the kernels that follow; 4
     * (its minimum, 2^4 cycles) makes them sleep at once. {@code OPENBLAS_CORETYPE}: see
     * {@link OpenBlasCoreType}.
     */
    private static void setEnvBeforeLoad(String name, String value) throws Throwable {
        if (System.getenv(name) != null) return;
        Linker linker = Linker.nativeLinker();
        var setenv = linker.defaultLookup().find("setenv");
        if (setenv.isEmpty()) return;
        MethodHandle h = linker.downcallHandle(setenv.get(), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            int rc = (int) h.invokeExact(a.allocateFrom(name), a.allocateFrom(value), 0);
            if (rc != 0) throw new IllegalStateException("setenv " + name + " failed: " + rc);
        }
    }

    /** Whether the native library loaded; when not, {@link #loadError()} says why. */
    static boolean available() { return LOAD_ERROR == null; }

    /** Why the library did not load, or null. */
    static Throwable loadError() { return LOAD_ERROR; }

    /** The kernel family OpenBLAS picked for this CPU (e.g. "Zen"), or null when unavailable. */
    static String coreName() { return CORE_NAME; }

    /**
     * Puts OpenBLAS back to one thread if other code in the process (a benchmark's direct OpenBLAS route,
     * another library sharing the .so) raised it: two of our pool threads each calling a multi-threaded
     * OpenBLAS would oversubscribe the cores. One cheap downcall when nothing changed.
     */
    static void ensureSingleThreaded() {
        try {
            if ((int) GET_THREADS.invokeExact() != 1) SET_THREADS.invokeExact(1);
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_set_num_threads failed", t);
        }
    }

    /** OpenBLAS's current process-wide thread count. */
    static int threads() {
        try {
            return (int) GET_THREADS.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_get_num_threads failed", t);
        }
    }

    /**
     * {@link #sgemm} on {@code threads} OpenBLAS threads, then back to one: for a single large product
     * OpenBLAS's own threading (which shares packed panels between its threads) beats two independent
     * half-products. Callers must not run this from two threads at once.
     */
    static void sgemmThreaded(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
        setThreads(threads);
        try {
            sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } finally {
            setThreads(1);
        }
    }

    private static void setThreads(int threads) {
        try {
            SET_THREADS.invokeExact(threads);
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_set_num_threads failed", t);
        }
    }

    /** Row-major {@code cblas_sgemm} on heap arrays; arguments already checked, all sizes > 0. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        try {
            SGEMM.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                    MemorySegment.ofArray(a).asSlice(4L * aOff), lda,
                    MemorySegment.ofArray(b).asSlice(4L * bOff), ldb, beta,
                    MemorySegment.ofArray(c).asSlice(4L * cOff), ldc);
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_sgemm failed", t);
        }
    }

    /** Row-major {@code cblas_dgemm} on heap arrays; arguments already checked, all sizes > 0. */
    static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        try {
            DGEMM.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                    MemorySegment.ofArray(a).asSlice(8L * aOff), lda,
                    MemorySegment.ofArray(b).asSlice(8L * bOff), ldb, beta,
                    MemorySegment.ofArray(c).asSlice(8L * cOff), ldc);
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_dgemm failed", t);
        }
    }

    private static FunctionDescriptor gemmDescriptor(java.lang.foreign.ValueLayout scalar) {
        // order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc (blasint is 32-bit here)
        return FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, scalar,
                ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, scalar, ADDRESS, JAVA_INT);
    }

    private static MemorySegment find(SymbolLookup lib, String symbol) {
        return lib.find(symbol).orElseThrow(() -> new UnsatisfiedLinkError("OpenBLAS lacks " + symbol));
    }

    /** Extracts the bundled library with JavaCPP and returns the path of the file it loaded. */
    private static Path libraryPath() {
        String jni = org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
        for (var e : org.bytedeco.javacpp.Loader.getLoadedLibraries().entrySet()) {
            if (e.getKey().startsWith("openblas_nolapack@") && e.getValue() != null) return Path.of(e.getValue());
        }
        Path sibling = Path.of(jni).resolveSibling("libopenblas_nolapack.so.0");
        if (Files.exists(sibling)) return sibling;
        throw new UnsatisfiedLinkError("libopenblas_nolapack not found next to " + jni);
    }
}
