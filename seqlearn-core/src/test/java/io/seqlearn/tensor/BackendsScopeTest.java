package io.seqlearn.tensor;

import io.seqlearn.backend.Backend;
import io.seqlearn.backend.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackendsScopeTest {
    @Test
    void scopedBackendIsTheDefaultOnlyInsideTheCall() {
        Backend outside = Backends.defaultBackend();
        try (CpuBackend one = new CpuBackend(1)) {
            Tensor made = Backends.withDefault(one, () -> {
                assertSame(one, Backends.defaultBackend());
                Tensor t = Tensors.zeros(DType.F32, 2, 3);
                assertSame(one, t.backend());
                assertSame(one, t.add(1.0).backend(), "ops keep their inputs' backend");
                return t;
            });
            assertSame(one, made.backend(), "a tensor keeps the backend it was made with");
            assertEquals(1, made.backend().threads());
        }
        assertSame(outside, Backends.defaultBackend());
        assertSame(outside, Tensors.zeros(DType.F32, 1).backend());
    }

    @Test
    void scopesNestAndUnbindOnException() {
        try (CpuBackend a = new CpuBackend(1); CpuBackend b = new CpuBackend(2)) {
            Backends.withDefault(a, () -> {
                Backends.withDefault(b, () -> {
                    assertSame(b, Backends.defaultBackend());
                    return null;
                });
                assertSame(a, Backends.defaultBackend());
                assertThrows(IllegalStateException.class, () -> Backends.withDefault(b, () -> {
                    throw new IllegalStateException("boom");
                }));
                assertSame(a, Backends.defaultBackend());
                return null;
            });
        }
        assertThrows(IllegalArgumentException.class, () -> Backends.withDefault(null, () -> 1));
    }
}
