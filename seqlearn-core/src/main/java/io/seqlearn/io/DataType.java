package io.seqlearn.io;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Element types of a safetensors file, named as the format names them ({@code "F32"}, {@code "I64"}, …).
 *
 * <p>This is the on-disk type; the in-memory working types live in {@code io.seqlearn.tensor.DType}.
 * F16 and BF16 are here so that half-precision files (common on the HuggingFace hub) can be read and
 * converted with {@link TensorData#toFloatArray()}; seqlearn itself computes in F32/F64.
 *
 * <p>{@link #referenceRank()} is the position of the type in the reference implementation's {@code Dtype}
 * enum (huggingface/safetensors, {@code safetensors/src/tensor.rs}), which orders types by increasing
 * alignment; the reference writer lays tensors out by descending rank and then by name, and so do we.
 */
public enum DataType {
    BOOL(1, 0),
    U8(1, 1),
    I8(1, 2),
    I16(2, 5),
    F16(2, 7),
    BF16(2, 8),
    I32(4, 9),
    F32(4, 11),
    F64(8, 12),
    I64(8, 13);

    /** Types the format defines but seqlearn does not read; named in the error instead of "unknown". */
    private static final java.util.Set<String> KNOWN_UNSUPPORTED = java.util.Set.of(
            "U16", "U32", "U64", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64");

    private final int size;
    private final int referenceRank;

    DataType(int size, int referenceRank) {
        this.size = size;
        this.referenceRank = referenceRank;
    }

    /** Size of one element in bytes. */
    public int size() { return size; }

    /** Position in the reference {@code Dtype} enum (increasing alignment); used for the writer's layout. */
    int referenceRank() { return referenceRank; }

    /** True for F64, F32, F16 and BF16. */
    public boolean isFloatingPoint() { return this == F64 || this == F32 || this == F16 || this == BF16; }

    /** The type called {@code name} in a safetensors header, if seqlearn supports it. */
    public static Optional<DataType> fromName(String name) {
        for (DataType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Why {@code name} is not accepted: a type the format knows that seqlearn does not read, or no type at all. */
    static String rejectionReason(String name) {
        String supported = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
        return KNOWN_UNSUPPORTED.contains(name)
                ? "dtype " + name + " is not supported by seqlearn (supported: " + supported + ")"
                : "unknown dtype \"" + name + "\" (supported: " + supported + ")";
    }
}
