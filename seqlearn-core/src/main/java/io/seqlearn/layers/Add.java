package io.seqlearn.layers;

import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;

import java.util.List;

/** Element-wise sum of equal-shaped inputs, as {@code keras.layers.Add} (e.g. residual connections). */
public class Add extends Merge {

    @Override
    protected int[] mergedShape(List<int[]> shapes) {
        int[] out = shapes.get(0).clone();
        for (int[] s : shapes) {
            if (s.length != out.length) throw mismatch(shapes);
            for (int i = 0; i < s.length; i++) {
                if (out[i] < 0) out[i] = s[i];
                else if (s[i] >= 0 && s[i] != out[i]) throw mismatch(shapes);
            }
        }
        return out;
    }

    private ShapeException mismatch(List<int[]> shapes) {
        StringBuilder sb = new StringBuilder(label() + ": inputs must have equal shapes, got");
        for (int[] s : shapes) sb.append(' ').append(SymbolicShapes.str(s));
        return new ShapeException(sb.toString());
    }

    @Override
    protected Tensor merge(List<Tensor> xs) {
        Tensor sum = xs.get(0);
        for (Tensor t : xs.subList(1, xs.size())) sum = sum.add(t);
        return sum;
    }

    static Add fromConfig(LayerConfig c) { return new Add(); }
}
