package io.seqlearn.layers;

/** Shapes with unknown sizes (-1, Keras {@code None}): formatting and helpers. */
public final class SymbolicShapes {
    private SymbolicShapes() {}

    /** "(None, 10, 32)" as in Keras summaries. */
    public static String str(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i] < 0 ? "None" : String.valueOf(shape[i]));
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** {@code shape} with its last dim replaced by {@code size}. */
    public static int[] withLast(int[] shape, int size) {
        int[] out = shape.clone();
        out[out.length - 1] = size;
        return out;
    }

    /** {@code shape} with {@code size} appended. */
    public static int[] append(int[] shape, int size) {
        int[] out = java.util.Arrays.copyOf(shape, shape.length + 1);
        out[shape.length] = size;
        return out;
    }
}
