package io.seqlearn.tensor;

import io.seqlearn.backend.Backend;
import io.seqlearn.backend.ref.JavaBackend;

/**
 * Where tensors get their backend. Factories without an explicit backend use {@link #defaultBackend()},
 * created once; code that wants another passes it explicitly (no global switch to flip).
 */
public final class Backends {
    private static final JavaBackend JAVA = new JavaBackend();

    private Backends() {}

    /** The plain-loop reference backend. */
    public static Backend java() { return JAVA; }

    /** The default backend for new tensors: the fast CPU backend. */
    public static Backend defaultBackend() { return DefaultHolder.INSTANCE; }

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
