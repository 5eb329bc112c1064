package io.seqlearn.io;

import java.util.Arrays;

/**
 * One entry of a safetensors header: a tensor's name, type, shape and byte range in the data buffer.
 * The range is relative to the start of the data buffer (the byte after the JSON header), end exclusive.
 * Entries returned by {@link SafeTensors#readHeader} have been validated (see {@code docs/model-files.md}).
 *
 * @param name  the tensor's name, e.g. {@code "lstm.weight_ih_l0"}
 * @param dtype element type
 * @param shape dimensions, outermost first
 * @param begin first byte, relative to the data buffer
 * @param end   one past the last byte
 */
public record TensorInfo(String name, DataType dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        shape = shape.clone();
    }

    /** The dimensions (a copy). */
    @Override
    public long[] shape() { return shape.clone(); }

    /** Number of bytes, {@code end - begin}. */
    public long byteSize() { return end - begin; }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(shape); }

    @Override
    public String toString() {
        return name + ": " + dtype + " " + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
    }
}
