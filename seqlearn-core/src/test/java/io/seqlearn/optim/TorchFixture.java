package io.seqlearn.optim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * A PyTorch fixture from {@code src/test/resources/fixtures} (format: see the README there): F64 and I64
 * tensors plus the JSON {@code config} metadata. A minimal private safetensors reader, kept until
 * {@code io.seqlearn.io.SafeTensors} is on main.
 */
public final class TorchFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String name;
    private final JsonNode header;
    private final ByteBuffer data;
    private final JsonNode config;

    private TorchFixture(String name, byte[] bytes) throws IOException {
        this.name = name;
        ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) all.getLong(0);
        header = JSON.readTree(new String(bytes, 8, n, StandardCharsets.UTF_8));
        data = all.slice(8 + n, bytes.length - 8 - n).order(ByteOrder.LITTLE_ENDIAN);
        JsonNode meta = header.get("__metadata__");
        config = meta != null && meta.has("config") ? JSON.readTree(meta.get("config").asText()) : JSON.createObjectNode();
    }

    /** Loads {@code fixtures/<path>.safetensors} from the test class path, e.g. {@code "loss/ce_mean"}. */
    public static TorchFixture load(String path) {
        String res = "/fixtures/" + path + ".safetensors";
        try (InputStream in = TorchFixture.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalArgumentException("fixture not found: " + res);
            return new TorchFixture(path, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode config() { return config; }

    public boolean has(String tensor) { return header.has(tensor); }

    /** The named tensor converted to {@code dtype} (I64 values become exact floats). */
    public Tensor tensor(String tensor, DType dtype) {
        double[] v = values(tensor);
        Tensor t = Tensor.of(v, shape(tensor));
        return dtype == DType.F64 ? t : t.to(dtype);
    }

    /** The named tensor's elements as doubles in row-major order. */
    public double[] values(String tensor) {
        JsonNode e = header.get(tensor);
        if (e == null) throw new IllegalArgumentException(name + ": no tensor '" + tensor + "'");
        long from = e.get("data_offsets").get(0).asLong();
        int count = Math.toIntExact((e.get("data_offsets").get(1).asLong() - from) / 8);
        double[] out = new double[count];
        String dt = e.get("dtype").asText();
        for (int i = 0; i < count; i++) {
            int p = (int) from + 8 * i;
            out[i] = switch (dt) {
                case "F64" -> data.getDouble(p);
                case "I64" -> data.getLong(p);
                default -> throw new IllegalArgumentException(name + ": unexpected dtype " + dt + " of " + tensor);
            };
        }
        return out;
    }

    public int[] shape(String tensor) {
        JsonNode s = header.get(tensor).get("shape");
        int[] out = new int[s.size()];
        Iterator<JsonNode> it = s.elements();
        for (int i = 0; it.hasNext(); i++) out[i] = it.next().asInt();
        return out;
    }

    @Override
    public String toString() { return name; }

}
