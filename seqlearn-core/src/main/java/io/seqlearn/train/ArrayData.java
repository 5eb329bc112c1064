package io.seqlearn.train;

import io.seqlearn.data.TrainingData;
import io.seqlearn.data.Batch;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * In-memory samples: every tensor holds N samples along dim 0 (Keras' {@code fit(x, y)} with arrays).
 *
 * <pre>{@code
 * TrainingData d = ArrayData.of(x, y);                                 // one input, one target
 * TrainingData d2 = new ArrayData(Map.of("tokens", ids, "lengths", len), Map.of("label", y));
 * }</pre>
 */
public final class ArrayData implements TrainingData {
    private final Map<String, Tensor> inputs;
    private final Map<String, Tensor> targets;
    private final int n;

    public ArrayData(Map<String, Tensor> inputs, Map<String, Tensor> targets) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("data: no inputs");
        this.inputs = new LinkedHashMap<>(inputs);
        this.targets = new LinkedHashMap<>(targets);
        this.n = inputs.values().iterator().next().size(0);
        checkCount(this.inputs, "input");
        checkCount(this.targets, "target");
    }

    /** One input named "input" and one target named "target". */
    public static ArrayData of(Tensor x, Tensor y) {
        return new ArrayData(Map.of("input", x), y == null ? Map.of() : Map.of("target", y));
    }

    /** Inputs only (for predict). */
    public static ArrayData inputs(Tensor x) { return of(x, null); }

    private void checkCount(Map<String, Tensor> ts, String what) {
        for (var e : ts.entrySet()) {
            Tensor t = e.getValue();
            if (t.rank() == 0 || t.size(0) != n) {
                throw new ShapeException("data: " + what + " '" + e.getKey() + "' expected (" + n + ", ...) samples, got "
                        + Shapes.str(t.shapeRef()));
            }
        }
    }

    @Override
    public int size() { return n; }

    @Override
    public Batch batch(int[] indices) {
        Tensor idx = Tensors.indices(DType.F64, indices);
        return new Batch(select(inputs, idx), select(targets, idx));
    }

    private static Map<String, Tensor> select(Map<String, Tensor> ts, Tensor idx) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        ts.forEach((k, t) -> out.put(k, t.detach().indexSelect(0, idx)));
        return out;
    }
}
