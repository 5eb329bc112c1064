package io.seqlearn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts little-endian element bytes to and from Java primitive arrays, for every {@link DataType}.
 * Bulk views ({@code asFloatBuffer()} …) are used where the types match, element loops elsewhere.
 */
final class ElementCodec {
    private ElementCodec() {}

    /** Element {@code i} of {@code data} (a little-endian buffer of {@code type}) as a double. */
    static double getDouble(ByteBuffer data, DataType type, int i) {
        return switch (type) {
            case F64 -> data.getDouble(i * 8);
            case F32 -> data.getFloat(i * 4);
            case F16 -> Float.float16ToFloat(data.getShort(i * 2));
            case BF16 -> HalfFloats.bf16ToFloat(data.getShort(i * 2));
            case I64 -> data.getLong(i * 8);
            default -> getInteger(data, type, i);
        };
    }

    /** Element {@code i} of an integer or BOOL buffer; BOOL bytes other than 0 read as 1. */
    static long getInteger(ByteBuffer data, DataType type, int i) {
        return switch (type) {
            case I64 -> data.getLong(i * 8);
            case I32 -> data.getInt(i * 4);
            case I16 -> data.getShort(i * 2);
            case I8 -> data.get(i);
            case U8 -> data.get(i) & 0xFF;
            case BOOL -> data.get(i) != 0 ? 1 : 0;
            default -> throw new IllegalStateException("not an integer type: " + type);
        };
    }

    static float[] toFloats(ByteBuffer data, DataType type, int n) {
        float[] out = new float[n];
        if (type == DataType.F32) {
            data.asFloatBuffer().get(out);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (float) getDouble(data, type, i);
            }
        }
        return out;
    }

    static double[] toDoubles(ByteBuffer data, DataType type, int n) {
        double[] out = new double[n];
        if (type == DataType.F64) {
            data.asDoubleBuffer().get(out);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = getDouble(data, type, i);
            }
        }
        return out;
    }

    static long[] toLongs(ByteBuffer data, DataType type, int n) {
        long[] out = new long[n];
        if (type == DataType.I64) {
            data.asLongBuffer().get(out);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = getInteger(data, type, i);
            }
        }
        return out;
    }

    /** Integer elements as ints; I64 values outside the int range are rejected, naming the index. */
    static int[] toInts(ByteBuffer data, DataType type, int n) {
        int[] out = new int[n];
        if (type == DataType.I32) {
            data.asIntBuffer().get(out);
            return out;
        }
        for (int i = 0; i < n; i++) {
            long v = getInteger(data, type, i);
            if (v != (int) v) {
                throw new ArithmeticException("element " + i + " = " + v + " does not fit in an int");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** Floats encoded as {@code type}, one of F64, F32, F16, BF16 (F16/BF16 round to nearest even). */
    static ByteBuffer fromFloats(DataType type, float[] values) {
        ByteBuffer buf = allocate(values.length, type);
        switch (type) {
            case F32 -> buf.asFloatBuffer().put(values);
            case F64 -> { for (int i = 0; i < values.length; i++) buf.putDouble(i * 8, values[i]); }
            case F16 -> { for (int i = 0; i < values.length; i++) buf.putShort(i * 2, Float.floatToFloat16(values[i])); }
            case BF16 -> { for (int i = 0; i < values.length; i++) buf.putShort(i * 2, HalfFloats.floatToBf16(values[i])); }
            default -> throw new IllegalArgumentException("fromFloats: dtype must be floating point, got " + type);
        }
        return buf;
    }

    static ByteBuffer fromDoubles(double[] values) {
        ByteBuffer buf = allocate(values.length, DataType.F64);
        buf.asDoubleBuffer().put(values);
        return buf;
    }

    static ByteBuffer fromLongs(long[] values) {
        ByteBuffer buf = allocate(values.length, DataType.I64);
        buf.asLongBuffer().put(values);
        return buf;
    }

    static ByteBuffer fromInts(int[] values) {
        ByteBuffer buf = allocate(values.length, DataType.I32);
        buf.asIntBuffer().put(values);
        return buf;
    }

    static ByteBuffer fromShorts(short[] values) {
        ByteBuffer buf = allocate(values.length, DataType.I16);
        buf.asShortBuffer().put(values);
        return buf;
    }

    static ByteBuffer fromBooleans(boolean[] values) {
        ByteBuffer buf = allocate(values.length, DataType.BOOL);
        for (int i = 0; i < values.length; i++) {
            buf.put(i, (byte) (values[i] ? 1 : 0));
        }
        return buf;
    }

    private static ByteBuffer allocate(int n, DataType type) {
        return ByteBuffer.allocate(Math.multiplyExact(n, type.size())).order(ByteOrder.LITTLE_ENDIAN);
    }
}
