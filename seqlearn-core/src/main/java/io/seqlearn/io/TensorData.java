package io.seqlearn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One tensor as stored in a file: element type, shape (row-major, "C" order) and little-endian bytes.
 *
 * <p>This is the file layer's own value type, independent of {@code io.seqlearn.tensor.Tensor}; an adapter
 * maps it in a line each way: {@code TensorData.ofFloats(t.shape(), t.toFloatArray())} and
 * {@code Tensor.of(d.toFloatArray(), d.intShape())}.
 *
 * <p>Invariants, checked on construction: every dimension is ≥ 0, the element count fits in a long, and
 * {@code data.remaining() == numel × dtype.size()}. The stored buffer is a read-only little-endian view;
 * {@link #shape()} and {@link #data()} return copies/duplicates so the value cannot be changed from outside
 * (a buffer mapped from a file still reflects that file). A shape of {@code []} is a scalar (one element).
 *
 * <pre>{@code
 * TensorData w = TensorData.ofFloats(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
 * float[] back = w.toFloatArray();
 * }</pre>
 *
 * @param dtype element type
 * @param shape dimensions, outermost first
 * @param data  {@code numel × dtype.size()} bytes, little-endian
 */
public record TensorData(DataType dtype, long[] shape, ByteBuffer data) {

    public TensorData {
        if (dtype == null || shape == null || data == null) {
            throw new IllegalArgumentException("TensorData: dtype, shape and data must not be null");
        }
        shape = shape.clone();
        long count = numel(shape);
        if (count > Long.MAX_VALUE / 8) {
            throw new IllegalArgumentException("TensorData: shape " + Arrays.toString(shape) + " is too large");
        }
        long needed = count * dtype.size();
        if (data.remaining() != needed) {
            throw new IllegalArgumentException("TensorData: " + dtype + " shape " + Arrays.toString(shape)
                    + " needs " + needed + " bytes, got " + data.remaining());
        }
        data = data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** F32 tensor holding {@code values}. */
    public static TensorData ofFloats(long[] shape, float[] values) {
        return new TensorData(DataType.F32, shape, ElementCodec.fromFloats(DataType.F32, values));
    }

    /** F32 tensor with an {@code int[]} shape, as {@code io.seqlearn.tensor.Tensor#shape()} gives it. */
    public static TensorData ofFloats(int[] shape, float[] values) { return ofFloats(widen(shape), values); }

    /** F64 tensor with an {@code int[]} shape. */
    public static TensorData ofDoubles(int[] shape, double[] values) { return ofDoubles(widen(shape), values); }

    /** Tensor of floating {@code dtype} (F64, F32, F16 or BF16) from floats; F16/BF16 round to nearest even. */
    public static TensorData fromFloats(DataType dtype, long[] shape, float[] values) {
        return new TensorData(dtype, shape, ElementCodec.fromFloats(dtype, values));
    }

    /** F64 tensor holding {@code values}. */
    public static TensorData ofDoubles(long[] shape, double[] values) {
        return new TensorData(DataType.F64, shape, ElementCodec.fromDoubles(values));
    }

    /** I64 tensor holding {@code values} (PyTorch's default integer type, e.g. token ids). */
    public static TensorData ofLongs(long[] shape, long[] values) {
        return new TensorData(DataType.I64, shape, ElementCodec.fromLongs(values));
    }

    /** I32 tensor holding {@code values}. */
    public static TensorData ofInts(long[] shape, int[] values) {
        return new TensorData(DataType.I32, shape, ElementCodec.fromInts(values));
    }

    /** I16 tensor holding {@code values}. */
    public static TensorData ofShorts(long[] shape, short[] values) {
        return new TensorData(DataType.I16, shape, ElementCodec.fromShorts(values));
    }

    /** BOOL tensor (one byte per element, 0 or 1). */
    public static TensorData ofBooleans(long[] shape, boolean[] values) {
        return new TensorData(DataType.BOOL, shape, ElementCodec.fromBooleans(values));
    }

    /** Tensor of any {@code dtype} from its raw little-endian bytes (copied), e.g. I8 or U8 values. */
    public static TensorData ofBytes(DataType dtype, long[] shape, byte[] littleEndianBytes) {
        return new TensorData(dtype, shape, ByteBuffer.wrap(littleEndianBytes.clone()));
    }

    /** The dimensions (a copy). */
    @Override
    public long[] shape() { return shape.clone(); }

    /** The bytes: a read-only little-endian buffer from position 0 to {@link #byteSize()}. */
    @Override
    public ByteBuffer data() { return data.duplicate().order(ByteOrder.LITTLE_ENDIAN); }

    /** The dimensions as ints, for {@code Tensor.of(data, shape)}; an error if one exceeds the int range. */
    public int[] intShape() {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw new IllegalStateException("TensorData.intShape: dimension " + shape[i] + " exceeds the int range");
            }
            out[i] = (int) shape[i];
        }
        return out;
    }

    /** Number of elements: the product of the dimensions (1 for a scalar). */
    public long numel() { return numel(shape); }

    /** Number of bytes: {@code numel × dtype.size()}. */
    public long byteSize() { return data.capacity(); }

    /** A copy of the raw little-endian bytes. */
    public byte[] bytes() {
        byte[] out = new byte[checkedArrayLength(byteSize(), "bytes")];
        data().get(out);
        return out;
    }

    /** All elements as floats. Any dtype: F64 and I64 round, F16/BF16 widen exactly, BOOL gives 0/1. */
    public float[] toFloatArray() {
        return ElementCodec.toFloats(data, dtype, checkedArrayLength(numel(), "toFloatArray"));
    }

    /** All elements as doubles. Any dtype; exact except I64 values beyond 2^53. */
    public double[] toDoubleArray() {
        return ElementCodec.toDoubles(data, dtype, checkedArrayLength(numel(), "toDoubleArray"));
    }

    /** All elements as longs. Integer dtypes and BOOL only (U8 reads unsigned). */
    public long[] toLongArray() {
        requireInteger("toLongArray");
        return ElementCodec.toLongs(data, dtype, checkedArrayLength(numel(), "toLongArray"));
    }

    /** All elements as ints. Integer dtypes and BOOL only; I64 values outside the int range are an error. */
    public int[] toIntArray() {
        requireInteger("toIntArray");
        try {
            return ElementCodec.toInts(data, dtype, checkedArrayLength(numel(), "toIntArray"));
        } catch (ArithmeticException e) {
            throw new IllegalStateException("TensorData.toIntArray: " + e.getMessage(), e);
        }
    }

    /** Same dtype, same shape, same bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && data.equals(t.data);
    }

    @Override
    public int hashCode() { return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + data.hashCode(); }

    @Override
    public String toString() { return "TensorData[" + dtype + " " + Arrays.toString(shape) + "]"; }

    private void requireInteger(String op) {
        if (dtype.isFloatingPoint()) {
            throw new IllegalStateException("TensorData." + op + ": needs an integer or BOOL dtype, got " + dtype);
        }
    }

    private static int checkedArrayLength(long n, String op) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("TensorData." + op + ": " + n + " elements do not fit in a Java array");
        }
        return (int) n;
    }

    private static long[] widen(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) out[i] = shape[i];
        return out;
    }

    private static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("TensorData: negative dimension in shape " + Arrays.toString(shape));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("TensorData: shape " + Arrays.toString(shape)
                        + " has more elements than fit in a long", e);
            }
        }
        return n;
    }
}
