package io.seqlearn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class TensorDataTest {

    @Test
    void floatsAreStoredLittleEndian() {
        var t = TensorData.ofFloats(new long[] {2}, new float[] {1f, -2f});
        // 1.0f = 0x3F800000, -2.0f = 0xC0000000, least significant byte first
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0}, t.bytes());
        assertEquals(DataType.F32, t.dtype());
        assertEquals(2, t.numel());
        assertEquals(8, t.byteSize());
    }

    @Test
    void everyFactoryRoundTripsThroughItsConversion() {
        assertArrayEquals(new double[] {1e-300, -0.0, Double.MAX_VALUE},
                TensorData.ofDoubles(new long[] {3}, new double[] {1e-300, -0.0, Double.MAX_VALUE}).toDoubleArray());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 5},
                TensorData.ofLongs(new long[] {2}, new long[] {Long.MIN_VALUE, 5}).toLongArray());
        assertArrayEquals(new int[] {Integer.MIN_VALUE, 7},
                TensorData.ofInts(new long[] {2}, new int[] {Integer.MIN_VALUE, 7}).toIntArray());
        assertArrayEquals(new int[] {-32768, 32767},
                TensorData.ofShorts(new long[] {2}, new short[] {-32768, 32767}).toIntArray());
        assertArrayEquals(new int[] {1, 0}, TensorData.ofBooleans(new long[] {2}, new boolean[] {true, false}).toIntArray());
        assertArrayEquals(new int[] {-1, 255 - 256},
                TensorData.ofBytes(DataType.I8, new long[] {2}, new byte[] {-1, (byte) 255}).toIntArray());
        assertArrayEquals(new long[] {255, 1}, TensorData.ofBytes(DataType.U8, new long[] {2}, new byte[] {-1, 1}).toLongArray());
    }

    @Test
    void halfPrecisionConvertsKnownBitPatterns() {
        // F16: 1.0 = 0x3C00, -2.0 = 0xC000, 65504 (max) = 0x7BFF, 2^-24 (min subnormal) = 0x0001
        byte[] f16 = le16(0x3C00, 0xC000, 0x7BFF, 0x0001);
        assertArrayEquals(new float[] {1f, -2f, 65504f, (float) Math.pow(2, -24)},
                TensorData.ofBytes(DataType.F16, new long[] {4}, f16).toFloatArray());
        // BF16: the top half of a float32: 1.0 = 0x3F80, -2.5 = 0xC020, +inf = 0x7F80
        byte[] bf16 = le16(0x3F80, 0xC020, 0x7F80);
        assertArrayEquals(new float[] {1f, -2.5f, Float.POSITIVE_INFINITY},
                TensorData.ofBytes(DataType.BF16, new long[] {3}, bf16).toFloatArray());
    }

    @Test
    void bfloat16RoundsToNearestEven() {
        // 1 + 2^-8 lies exactly between bf16 1.0 (0x3F80) and 1.0078125 (0x3F81): ties go to even, 0x3F80.
        // 1 + 3·2^-8 lies between 0x3F81 and 0x3F82: ties go to even, 0x3F82.
        float[] in = {1f + 0x1p-8f, 1f + 3 * 0x1p-8f, 1f + 0x1p-8f + 0x1p-20f, Float.NaN};
        byte[] bytes = TensorData.fromFloats(DataType.BF16, new long[] {4}, in).bytes();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x3F80, b.getShort(0) & 0xFFFF);
        assertEquals(0x3F82, b.getShort(2) & 0xFFFF);
        assertEquals(0x3F81, b.getShort(4) & 0xFFFF);
        assertTrue(Float.isNaN(HalfFloats.bf16ToFloat(b.getShort(6))));
    }

    @Test
    void integerConversionsRejectFloatTensorsAndOutOfRangeValues() {
        var f = TensorData.ofFloats(new long[] {1}, new float[] {1});
        var e = assertThrows(IllegalStateException.class, f::toLongArray);
        assertTrue(e.getMessage().contains("needs an integer or BOOL dtype, got F32"), e.getMessage());
        var big = TensorData.ofLongs(new long[] {2}, new long[] {1, 1L << 40});
        var e2 = assertThrows(IllegalStateException.class, big::toIntArray);
        assertTrue(e2.getMessage().contains("element 1 = 1099511627776 does not fit in an int"), e2.getMessage());
    }

    @Test
    void constructorChecksShapeAgainstBytes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TensorData.ofFloats(new long[] {2, 3}, new float[] {1, 2, 3, 4}));
        assertEquals("TensorData: F32 shape [2, 3] needs 24 bytes, got 16", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TensorData.ofFloats(new long[] {-1}, new float[0]));
        assertThrows(IllegalArgumentException.class,
                () -> TensorData.ofFloats(new long[] {1L << 40, 1L << 40}, new float[0]));
    }

    @Test
    void intShapesForTheTensorAdapter() {
        var t = TensorData.ofFloats(new int[] {2, 1}, new float[] {1, 2});
        assertArrayEquals(new long[] {2, 1}, t.shape());
        assertArrayEquals(new int[] {2, 1}, t.intShape());
        assertEquals(DataType.F64, TensorData.ofDoubles(new int[] {1}, new double[] {1}).dtype());
        var huge = TensorData.ofBytes(DataType.U8, new long[] {0, 1L << 33}, new byte[0]);
        assertThrows(IllegalStateException.class, huge::intShape);
    }

    @Test
    void scalarsAndEmptyTensors() {
        var scalar = TensorData.ofFloats(new long[] {}, new float[] {4.5f});
        assertEquals(1, scalar.numel());
        assertArrayEquals(new float[] {4.5f}, scalar.toFloatArray());
        var empty = TensorData.ofLongs(new long[] {3, 0}, new long[0]);
        assertEquals(0, empty.numel());
        assertEquals(0, empty.toLongArray().length);
    }

    @Test
    void valueCannotBeChangedFromOutside() {
        long[] shape = {2};
        float[] values = {1, 2};
        var t = TensorData.ofFloats(shape, values);
        shape[0] = 99;
        values[0] = 99;
        t.shape()[0] = 77;
        assertArrayEquals(new long[] {2}, t.shape());
        assertArrayEquals(new float[] {1, 2}, t.toFloatArray());
        assertTrue(t.data().isReadOnly());
        assertEquals(ByteOrder.LITTLE_ENDIAN, t.data().order());
    }

    @Test
    void equalityIsByValue() {
        var a = TensorData.ofInts(new long[] {2}, new int[] {1, 2});
        assertEquals(a, TensorData.ofInts(new long[] {2}, new int[] {1, 2}));
        assertEquals(a.hashCode(), TensorData.ofInts(new long[] {2}, new int[] {1, 2}).hashCode());
        assertNotEquals(a, TensorData.ofInts(new long[] {1, 2}, new int[] {1, 2}));
        assertNotEquals(a, TensorData.ofInts(new long[] {2}, new int[] {1, 3}));
        assertNotEquals(a, TensorData.ofBytes(DataType.F32, new long[] {2}, a.bytes()));
    }

    private static byte[] le16(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) b.putShort((short) v);
        return b.array();
    }
}
