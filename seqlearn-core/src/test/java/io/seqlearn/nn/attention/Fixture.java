package io.seqlearn.nn.attention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PyTorch fixture (src/test/resources/fixtures, see its README): a minimal safetensors reader for tests
 * (F64 and I64 only, as the fixtures use), tensors converted to the requested dtype, and the config JSON.
 */
public final class Fixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    public final Map<String, Tensor> tensors = new LinkedHashMap<>();
    public final JsonNode config;
    public final String name;

    private Fixture(String name, JsonNode config) {
        this.name = name;
        this.config = config;
    }

    /** Loads {@code fixtures/<path>} from the test classpath with every tensor in {@code dtype}. */
    public static Fixture load(String path, DType dtype) {
        try (InputStream in = Fixture.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) throw new IllegalStateException("fixture not found: " + path);
            byte[] all = in.readAllBytes();
            ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            int headerLen = (int) buf.getLong(0);
            JsonNode header = JSON.readTree(new String(all, 8, headerLen, StandardCharsets.UTF_8));
            JsonNode meta = header.get("__metadata__");
            Fixture f = new Fixture(path, meta != null && meta.has("config") ? JSON.readTree(meta.get("config").asText()) : null);
            int base = 8 + headerLen;
            for (Iterator<String> it = header.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (key.equals("__metadata__")) continue;
                JsonNode e = header.get(key);
                int[] shape = new int[e.get("shape").size()];
                for (int i = 0; i < shape.length; i++) shape[i] = e.get("shape").get(i).asInt();
                int start = base + e.get("data_offsets").get(0).asInt();
                String dt = e.get("dtype").asText();
                int n = 1;
                for (int s : shape) n *= s;
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = switch (dt) {
                        case "F64" -> buf.getDouble(start + 8 * i);
                        case "I64" -> buf.getLong(start + 8 * i);
                        case "F32" -> buf.getFloat(start + 4 * i);
                        default -> throw new IllegalStateException("fixture " + path + ": dtype " + dt + " of " + key);
                    };
                }
                Tensor t = Tensor.of(v, shape);
                f.tensors.put(key, dtype == DType.F64 ? t : t.to(dtype));
            }
            return f;
        } catch (IOException e) {
            throw new IllegalStateException("fixture " + path + ": " + e, e);
        }
    }

    public Tensor get(String key) {
        Tensor t = tensors.get(key);
        if (t == null) throw new IllegalStateException("fixture " + name + " has no tensor '" + key + "'");
        return t;
    }

    public boolean has(String key) { return tensors.containsKey(key); }

    /** The tensors without a prefix among {@code skip} and not starting with "grad.": parameters and inputs. */
    public Map<String, Tensor> withPrefix(String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> { if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v); });
        return out;
    }

    /**
     * Asserts |actual − expected| ≤ tol·(1 + |expected|) element-wise (combined absolute/relative tolerance),
     * naming the fixture, tensor and worst element on failure.
     */
    public void assertClose(String key, Tensor actual, double tol) {
        Tensor expected = get(key);
        if (!java.util.Arrays.equals(expected.shapeRef(), actual.shapeRef())) {
            throw new AssertionError(name + ": " + key + " shape " + java.util.Arrays.toString(actual.shapeRef())
                    + " != " + java.util.Arrays.toString(expected.shapeRef()));
        }
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(a[i] - e[i]);
            if (!(err <= tol * (1 + Math.abs(e[i])))) {
                throw new AssertionError(name + ": " + key + "[" + i + "] = " + a[i] + ", PyTorch " + e[i] + " (tol " + tol + ")");
            }
        }
    }
}
