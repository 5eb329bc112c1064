package io.seqlearn.io;

/**
 * bfloat16 conversions. (IEEE half precision, F16, is in the JDK: {@link Float#float16ToFloat} and
 * {@link Float#floatToFloat16}.)
 *
 * <p>bfloat16 is the top 16 bits of an IEEE float32 (1 sign, 8 exponent, 7 mantissa bits), so widening is
 * a shift; narrowing rounds to nearest, ties to even, as PyTorch's {@code c10::BFloat16} does, and keeps
 * NaN a (quiet) NaN.
 */
final class HalfFloats {
    private HalfFloats() {}

    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }
}
