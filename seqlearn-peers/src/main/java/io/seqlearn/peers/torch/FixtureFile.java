package io.seqlearn.peers.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqlearn.io.SafeTensors;
import io.seqlearn.io.SafeTensorsFile;
import io.seqlearn.io.TensorData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fixture file opened for a cross-check: its tensors as libtorch arrays (F64 stays float64, I64 stays
 * int64) on the caller's manager, its {@code config} metadata, and a ledger of what the check did with every
 * stored tensor. A check reads inputs with {@link #in}/{@link #leaf} and compares what libtorch computed with
 * {@link #compare}; {@link #untouched()} then names every stored tensor that was neither read nor compared, so
 * that no stored output or gradient can be skipped silently.
 *
 * <p>It also keeps the file as read ({@link #source()}) and, for every compared tensor, the values libtorch
 * computed ({@link #computed}), so that {@link FixtureWriter} can store libtorch's results in place of the old
 * ones.
 *
 * <p>Difference = max over elements of |got − want| (absolute; the fixture values are O(1)); equal infinities
 * count as 0, a NaN on one side only or a shape mismatch as +∞.
 */
final class FixtureFile {
    /** Default tolerance: float64 against float64. */
    static final double TOL = 1e-10;

    private final String name;
    private final JsonNode config;
    private final NDManager manager;
    private final Map<String, NDArray> tensors = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();
    private final Map<String, Double> diffs = new LinkedHashMap<>();
    private final Map<String, Double> tolerances = new LinkedHashMap<>();
    private final Map<String, double[]> computed = new LinkedHashMap<>();
    private final SafeTensorsFile source;
    private boolean computedInJava;

    private FixtureFile(String name, JsonNode config, NDManager manager, SafeTensorsFile source) {
        this.name = name;
        this.config = config;
        this.manager = manager;
        this.source = source;
    }

    static FixtureFile open(Path file, NDManager m) throws IOException {
        SafeTensorsFile sf = SafeTensors.read(file);
        String cfg = sf.metadata().getOrDefault("config", "{}");
        FixtureFile f = new FixtureFile(file.getFileName().toString(), new ObjectMapper().readTree(cfg), m, sf);
        sf.tensors().forEach((k, v) -> f.tensors.put(k, toNd(m, v)));
        return f;
    }

    String name() { return name; }

    JsonNode config() { return config; }

    NDManager manager() { return manager; }

    /** The file as it was read: its tensors (in file order) and metadata, untouched. */
    SafeTensorsFile source() { return source; }

    boolean has(String tensor) { return tensors.containsKey(tensor); }

    /** Every stored tensor name, in file order (sorted by name). */
    List<String> names() { return List.copyOf(tensors.keySet()); }

    /** A stored tensor used as an input (not compared). */
    NDArray in(String tensor) {
        NDArray a = tensors.get(tensor);
        if (a == null) throw new IllegalStateException(name + ": no tensor '" + tensor + "' (has " + tensors.keySet() + ")");
        read.add(tensor);
        return a;
    }

    /** A stored tensor used as an input that autograd differentiates (a leaf with requires_grad). */
    NDArray leaf(String tensor) {
        NDArray a = in(tensor);
        if (!a.hasGradient()) a.setRequiresGradient(true);
        return a;
    }

    /** The stored I64 tensor as Java longs (lengths, token ids, 0/1 masks). */
    long[] longs(String tensor) { return in(tensor).toType(DataType.INT64, false).toLongArray(); }

    /** Compares what libtorch computed with the stored tensor of that name, at the default tolerance. */
    void compare(String tensor, NDArray got) { compare(tensor, got, TOL); }

    void compare(String tensor, NDArray got, double tol) {
        NDArray want = tensors.get(tensor);
        if (want == null) throw new IllegalStateException(name + ": no stored tensor '" + tensor + "' to compare");
        double d;
        if (got == null || !got.getShape().equals(want.getShape())) {
            d = Double.POSITIVE_INFINITY;
            System.out.printf("  %s: %s shape %s, stored %s%n", name, tensor, got == null ? "none" : got.getShape(), want.getShape());
        } else {
            double[] g = got.toType(DataType.FLOAT64, false).toDoubleArray();
            d = maxAbsDiff(g, want.toType(DataType.FLOAT64, false).toDoubleArray());
            computed.put(tensor, g);
        }
        diffs.put(tensor, d);
        tolerances.put(tensor, tol);
    }

    /**
     * For every stored {@code grad.<name>} whose {@code <name>} was made a {@link #leaf}: compares the
     * gradient libtorch's autograd accumulated on that leaf.
     */
    void compareGrads() {
        for (String k : tensors.keySet()) {
            if (!k.startsWith("grad.")) continue;
            NDArray leaf = tensors.get(k.substring("grad.".length()));
            if (leaf != null && leaf.hasGradient()) compare(k, leaf.getGradient());
        }
    }

    /** Compares Java doubles (a value computed outside libtorch, e.g. a learning rate) with a stored tensor. */
    void compare(String tensor, double[] got) {
        NDArray want = tensors.get(tensor);
        if (want == null) throw new IllegalStateException(name + ": no stored tensor '" + tensor + "' to compare");
        double[] w = want.toDoubleArray();
        diffs.put(tensor, w.length == got.length ? maxAbsDiff(got, w) : Double.POSITIVE_INFINITY);
        tolerances.put(tensor, TOL);
        computed.put(tensor, got.clone());
        computedInJava = true;
    }

    /**
     * True when some compared tensor was computed in Java doubles rather than by libtorch (the LR schedules:
     * Python float arithmetic in PyTorch, no libtorch op), so the file's values are not libtorch's to store.
     */
    boolean computedInJava() { return computedInJava; }

    /** What the check computed for a compared tensor, row-major as float64; null if not compared or misshapen. */
    double[] computed(String tensor) { return computed.get(tensor); }

    /** Stored tensors read as inputs (not compared). */
    Set<String> inputs() { return Set.copyOf(read); }

    /** Stored tensors that were neither read as input nor compared. */
    List<String> untouched() {
        return tensors.keySet().stream().filter(k -> !read.contains(k) && !diffs.containsKey(k)).toList();
    }

    /** Per compared tensor: its largest |difference|. */
    Map<String, Double> diffs() { return diffs; }

    double tolerance(String tensor) { return tolerances.get(tensor); }

    /** A float64 array on this file's manager. */
    NDArray create(double[] values, long... shape) { return manager.create(values, new Shape(shape)); }

    static double maxAbsDiff(double[] g, double[] w) {
        if (g.length != w.length) return Double.POSITIVE_INFINITY;
        double d = 0;
        for (int i = 0; i < g.length; i++) {
            if (g[i] == w[i]) continue; // also equal infinities
            double e = Math.abs(g[i] - w[i]);
            d = Math.max(d, Double.isNaN(e) ? Double.POSITIVE_INFINITY : e);
        }
        return d;
    }

    private static NDArray toNd(NDManager m, TensorData d) {
        Shape shape = new Shape(d.shape());
        return switch (d.dtype()) {
            case I64 -> m.create(d.toLongArray(), shape);
            case F64 -> m.create(d.toDoubleArray(), shape);
            default -> throw new IllegalStateException("fixture dtype " + d.dtype() + " " + Arrays.toString(d.shape())
                    + ": fixtures hold only F64 and I64");
        };
    }
}
