package io.seqlearn.tensor;

import io.seqlearn.backend.Backend;
import io.seqlearn.backend.ref.JavaBackend;

/**
 * Where tensors get their backend. Factories without an explicit backend use {@link #defaultBackend()}:
 * the backend bound by the innermost enclosing {@link #withDefault} scope on this thread, else the process
 * default, created once. Code that wants another passes it explicitly or opens a scope — there is no
 * global switch to flip.
 *
 * <pre>{@code
 * try (CpuBackend cpu = new CpuBackend(1)) {
 *     double loss = Backends.withDefault(cpu, () -> trainAndEvaluate());   // every tensor made inside uses cpu
 * }
 * }</pre>
 */
public final class Backends {
    private static final JavaBackend JAVA = new JavaBackend();

    /**
     * The scoped override ({@link ScopedValue}, JDK 25): bound for the duration of one call on one thread
     * and its structured children, unbound again when the call returns or throws, so it cannot leak into
     * unrelated code the way a mutable static would (DESIGN.md §4.10).
     */
    private static final ScopedValue<Backend> SCOPED = ScopedValue.newInstance();

    private Backends() {}

    /** The plain-loop reference backend. */
    public static Backend java() { return JAVA; }

    /** The default backend for new tensors: the scoped one if a {@link #withDefault} call is running, else the fast CPU backend. */
    public static Backend defaultBackend() { return SCOPED.isBound() ? SCOPED.get() : DefaultHolder.INSTANCE; }

    /**
     * Runs {@code body} with {@code backend} as {@link #defaultBackend()} on this thread (e.g. a CPU backend
     * with a chosen thread count, as the CLI's {@code --threads} does). Tensors created inside keep that
     * backend after the call returns; the caller still owns (and closes) the backend.
     */
    public static <T, X extends Throwable> T withDefault(Backend backend, ScopedValue.CallableOp<? extends T, X> body) throws X {
        if (backend == null) throw new IllegalArgumentException("backends: withDefault needs a backend, got null");
        return ScopedValue.where(SCOPED, backend).call(body);
    }

    private static final class DefaultHolder {
        static final Backend INSTANCE = create();

        private static Backend create() {
            try {
                Class<?> c = Class.forName("io.seqlearn.backend.cpu.CpuBackend");
                return (Backend) c.getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return JAVA;
            }
        }
    }
}
