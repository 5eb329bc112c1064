package io.seqlearn.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks that header entries describe the data buffer exactly, as the reference implementation's
 * {@code Metadata::validate} does: each tensor's byte length is numel × dtype size (with overflow checks),
 * and the ranges, sorted by offset, tile {@code [0, dataLength)} with no gap, no overlap and nothing left
 * over. Errors name the tensor and the numbers involved.
 */
final class LayoutCheck {
    private LayoutCheck() {}

    /** The entries sorted by data offset, or an error for the first rule broken. */
    static List<TensorInfo> check(List<TensorInfo> tensors, long dataLength, String source)
            throws ModelFileException {
        for (TensorInfo t : tensors) {
            checkOne(t, dataLength, source);
        }
        List<TensorInfo> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long cursor = 0;
        TensorInfo previous = null;
        for (TensorInfo t : sorted) {
            if (t.begin() < cursor) {
                throw new ModelFileException(source, where(t) + "data_offsets " + range(t) + " overlap tensor "
                        + HeaderParser.quote(previous.name()) + " " + range(previous));
            }
            if (t.begin() > cursor) {
                throw new ModelFileException(source, where(t) + "data_offsets " + range(t) + " leave a gap of "
                        + (t.begin() - cursor) + " bytes before them; tensors must cover the data buffer contiguously");
            }
            cursor = t.end();
            previous = t;
        }
        if (cursor != dataLength) {
            throw new ModelFileException(source, (dataLength - cursor) + " bytes at the end of the data buffer ("
                    + dataLength + " bytes) belong to no tensor; the file is corrupt or has trailing data");
        }
        return sorted;
    }

    private static void checkOne(TensorInfo t, long dataLength, String source) throws ModelFileException {
        if (t.end() < t.begin()) {
            throw new ModelFileException(source, where(t) + "data_offsets " + range(t) + " end before they begin");
        }
        long needed = byteLength(t, source);
        if (t.end() - t.begin() != needed) {
            throw new ModelFileException(source, where(t) + "shape " + HeaderParser.shapeString(t.shape()) + " of "
                    + t.dtype() + " needs " + needed + " bytes, data_offsets " + range(t) + " span "
                    + (t.end() - t.begin()));
        }
        if (t.end() > dataLength) {
            throw new ModelFileException(source, where(t) + "data_offsets " + range(t)
                    + " run past the end of the data buffer (" + dataLength + " bytes)");
        }
    }

    /** numel × dtype size, an error when it overflows 64 bits (the reference's ValidationOverflow). */
    private static long byteLength(TensorInfo t, String source) throws ModelFileException {
        try {
            long n = 1;
            for (long d : t.shape()) {
                n = Math.multiplyExact(n, d);
            }
            return Math.multiplyExact(n, (long) t.dtype().size());
        } catch (ArithmeticException e) {
            throw new ModelFileException(source, where(t) + "shape " + HeaderParser.shapeString(t.shape())
                    + " has more bytes than fit in a 64-bit integer");
        }
    }

    private static String where(TensorInfo t) { return "tensor " + HeaderParser.quote(t.name()) + ": "; }

    private static String range(TensorInfo t) { return "[" + t.begin() + ", " + t.end() + "]"; }
}
