package io.seqlearn.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqlearn.io.SafeTensors;
import io.seqlearn.io.SafeTensorsFile;
import io.seqlearn.io.StateDicts;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A PyTorch fixture from {@code src/test/resources/fixtures} (see its README) loaded in one dtype, with the
 * comparison rule used everywhere: |got − want| ≤ tol · max(1, |want|) — relative for large values, absolute
 * near zero. F32 tests use 1e-5, F64 tests 1e-10.
 */
public final class Fixture {
    private final String name;
    private final Map<String, Tensor> tensors;
    private final JsonNode config;

    private Fixture(String name, Map<String, Tensor> tensors, JsonNode config) {
        this.name = name;
        this.tensors = tensors;
        this.config = config;
    }

    /** Loads {@code fixtures/<path>} with every tensor converted to {@code dtype}. */
    public static Fixture load(String path, DType dtype) {
        try {
            Path p = Path.of(Fixture.class.getResource("/fixtures/" + path).toURI());
            SafeTensorsFile f = SafeTensors.read(p);
            String cfg = f.metadata().getOrDefault("config", "{}");
            return new Fixture(path, StateDicts.toTensors(f, dtype), new ObjectMapper().readTree(cfg));
        } catch (Exception e) {
            throw new IllegalStateException("cannot load fixture " + path + ": " + e.getMessage(), e);
        }
    }

    public Tensor get(String key) {
        Tensor t = tensors.get(key);
        if (t == null) throw new IllegalArgumentException(name + ": no tensor '" + key + "' (has " + tensors.keySet() + ")");
        return t;
    }

    public boolean has(String key) { return tensors.containsKey(key); }

    public Map<String, Tensor> tensors() { return tensors; }

    public JsonNode config() { return config; }

    /** The default tolerance for a dtype: 1e-5 (F32) or 1e-10 (F64). */
    public static double tol(DType dtype) { return dtype == DType.F32 ? 1e-5 : 1e-10; }

    /** Asserts {@code got} matches fixture tensor {@code key} within {@link #tol(DType)}. */
    public void assertClose(String key, Tensor got) { assertClose(key, got, tol(got.dtype())); }

    public void assertClose(String key, Tensor got, double tol) {
        if (got == null) fail(name + ": " + key + " was not computed (null)");
        Tensor want = get(key);
        assertArrayEquals(want.shape(), got.shape(), name + ": shape of " + key);
        double[] w = want.toDoubleArray(), g = got.toDoubleArray();
        for (int i = 0; i < w.length; i++) {
            double err = Math.abs(g[i] - w[i]);
            if (!(err <= tol * Math.max(1, Math.abs(w[i])))) {
                fail(name + ": " + key + Shapes.str(want.shapeRef()) + " element " + i + " got " + g[i]
                        + ", want " + w[i] + " (|diff| " + err + " > tol " + tol + ")");
            }
        }
    }
}
