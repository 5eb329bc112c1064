package io.seqlearn.tensor;

/** Walks a tensor's storage indices in row-major element order, whatever its strides. */
public final class StridedIndex {
    private final int[] shape;
    private final int[] strides;
    private final int[] counter;
    private int pos;
    private boolean started;

    public StridedIndex(Tensor t) { this(t.shapeRef(), t.strides(), t.offset()); }

    public StridedIndex(int[] shape, int[] strides, int offset) {
        this.shape = shape;
        this.strides = strides;
        this.counter = new int[shape.length];
        this.pos = offset;
    }

    /** Storage index of the next element. */
    public int next() {
        if (!started) {
            started = true;
            return pos;
        }
        for (int i = shape.length - 1; i >= 0; i--) {
            if (++counter[i] < shape[i]) {
                pos += strides[i];
                return pos;
            }
            pos -= strides[i] * (shape[i] - 1);
            counter[i] = 0;
        }
        return pos;
    }
}
