package io.seqlearn.layers;

import io.seqlearn.ops.F;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Joins inputs along {@code axis} (default −1, the feature dim), as {@code keras.layers.Concatenate}. All
 * other dims must agree: (B, T, 16) and (B, T, 8) → (B, T, 24).
 */
public class Concatenate extends Merge {
    private final int axis;

    public Concatenate(int axis) { this.axis = axis; }

    public Concatenate() { this(-1); }

    @Override
    protected int[] mergedShape(List<int[]> shapes) {
        int[] first = shapes.get(0);
        int ax = axis < 0 ? axis + first.length : axis;
        if (ax < 1 || ax >= first.length) {
            throw new ShapeException(label() + ": axis " + axis + " out of range for inputs of rank " + first.length + " (axis 0 is the batch)");
        }
        int[] out = first.clone();
        for (int[] s : shapes.subList(1, shapes.size())) {
            if (s.length != first.length) throw mismatch(shapes);
            for (int i = 0; i < s.length; i++) {
                if (i == ax) out[i] = out[i] < 0 || s[i] < 0 ? -1 : out[i] + s[i];
                else if (s[i] >= 0 && first[i] >= 0 && s[i] != first[i]) throw mismatch(shapes);
            }
        }
        return out;
    }

    private ShapeException mismatch(List<int[]> shapes) {
        StringBuilder sb = new StringBuilder(label() + ": inputs must agree except on axis " + axis + ", got");
        for (int[] s : shapes) sb.append(' ').append(SymbolicShapes.str(s));
        return new ShapeException(sb.toString());
    }

    @Override
    protected Tensor merge(List<Tensor> xs) { return F.concat(xs, axis); }

    public int axis() { return axis; }

    @Override
    public Map<String, Object> config() { return Map.of("axis", axis); }

    static Concatenate fromConfig(LayerConfig c) { return new Concatenate(c.intValue("axis", Integer.MIN_VALUE + 1, -1)); }
}
