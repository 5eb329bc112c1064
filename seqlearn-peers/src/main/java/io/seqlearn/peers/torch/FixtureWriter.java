package io.seqlearn.peers.torch;

import io.seqlearn.io.SafeTensors;
import io.seqlearn.io.SafeTensorsFile;
import io.seqlearn.io.TensorData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code FixtureCrossCheck --write}: rewrites one checked fixture file so that every tensor the check compared
 * (outputs, gradients, optimizer trajectories, e2e losses and weights) holds the value libtorch computed, and
 * every other tensor (inputs, parameters, cotangents, masks) is copied byte for byte. Each tensor keeps its
 * dtype and shape; the metadata keeps every key ({@code config} unchanged) with:
 *
 * <ul>
 *   <li>{@code generator}: libtorch/DJL versions and this class, naming the Python generator for the inputs;</li>
 *   <li>{@code torch}: the libtorch version that computed the stored outputs;</li>
 *   <li>{@code inputs_generator}, {@code inputs_torch}: the file's previous {@code generator} and {@code torch}
 *       (the Python script and torch build that drew the inputs), set on the first rewrite only, so that
 *       rewriting twice changes nothing.</li>
 * </ul>
 *
 * <p>Written with {@link SafeTensors#write(Path, Map, Map)} (temp file, fsync, atomic rename), which lays the
 * tensors out in the safetensors reference order: by dtype (I64 before F64), then by name. The file is then
 * read back and checked: same names, dtypes and shapes, inputs bit-identical, outputs equal to what was computed.
 */
final class FixtureWriter {
    private FixtureWriter() {}

    /** The {@code generator} metadata for files this writer produced. */
    static String generator(String libtorch, String djl, String inputsGenerator, String inputsTorch) {
        return "libtorch " + libtorch + " via DJL " + djl + ", io.seqlearn.peers.torch.FixtureCrossCheck --write; inputs from "
                + inputsGenerator + " (torch " + inputsTorch + ")";
    }

    /**
     * Rewrites {@code path} from the checked file {@code f}.
     *
     * @throws IllegalStateException if a compared tensor has no computed value of its size, or a tensor was both
     *                               read as input and compared (its new value would contradict the computation)
     */
    static void write(Path path, FixtureFile f, String libtorch, String djl) throws IOException {
        SafeTensorsFile old = f.source();
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (var e : old.tensors().entrySet()) {
            String name = e.getKey();
            TensorData was = e.getValue();
            boolean compared = f.diffs().containsKey(name);
            if (compared && f.inputs().contains(name)) {
                throw new IllegalStateException(f.name() + ": '" + name + "' is both an input and a compared output");
            }
            tensors.put(name, compared ? recomputed(f, name, was) : was);
        }
        Map<String, String> meta = new TreeMap<>(old.metadata());
        if (!meta.containsKey("inputs_generator")) {
            meta.put("inputs_generator", old.metadata().getOrDefault("generator", "?"));
            meta.put("inputs_torch", old.metadata().getOrDefault("torch", "?"));
        }
        meta.put("generator", generator(libtorch, djl, meta.get("inputs_generator"), meta.get("inputs_torch")));
        meta.put("torch", libtorch);
        SafeTensors.write(path, tensors, meta);
        verify(path, f, tensors, meta);
    }

    /** libtorch's value for a compared tensor, in the stored tensor's dtype and shape. */
    private static TensorData recomputed(FixtureFile f, String name, TensorData was) {
        double[] v = f.computed(name);
        if (v == null || v.length != was.numel()) {
            throw new IllegalStateException(f.name() + ": no computed value of " + was.numel() + " elements for '" + name + "'");
        }
        long[] shape = was.shape();
        return switch (was.dtype()) {
            case F64 -> TensorData.ofDoubles(shape, v);
            case F32 -> {
                float[] x = new float[v.length];
                for (int i = 0; i < v.length; i++) x[i] = (float) v[i];
                yield TensorData.ofFloats(shape, x);
            }
            case I64 -> {
                long[] x = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    x[i] = (long) v[i];
                    if (x[i] != v[i]) throw new IllegalStateException(f.name() + ": '" + name + "' is I64 but libtorch gave " + v[i]);
                }
                yield TensorData.ofLongs(shape, x);
            }
            default -> throw new IllegalStateException(f.name() + ": cannot store '" + name + "' as " + was.dtype());
        };
    }

    /** Reads the written file back: every tensor exactly as intended (dtype, shape, bytes), metadata as intended. */
    private static void verify(Path path, FixtureFile f, Map<String, TensorData> intended, Map<String, String> meta)
            throws IOException {
        SafeTensorsFile back = SafeTensors.read(path);
        if (!back.tensors().keySet().equals(intended.keySet()) || !back.metadata().equals(meta)) {
            throw new IllegalStateException(f.name() + ": written file reads back with other tensors or metadata");
        }
        for (var e : intended.entrySet()) {
            TensorData got = back.tensor(e.getKey()), want = e.getValue();
            if (got.dtype() != want.dtype() || !Arrays.equals(got.shape(), want.shape()) || !got.data().equals(want.data())) {
                throw new IllegalStateException(f.name() + ": '" + e.getKey() + "' reads back as " + got + ", wrote " + want);
            }
        }
    }
}
