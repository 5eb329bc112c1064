package io.seqlearn.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds safetensors files by hand, per the format: 8-byte little-endian length, header, data. */
final class CorruptFiles {
    private CorruptFiles() {}

    /** A file whose header is {@code json} (UTF-8, no padding) followed by {@code dataLength} zero bytes. */
    static byte[] file(String json, int dataLength) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return file(header.length, header, new byte[dataLength]);
    }

    /** A file with an explicit (possibly lying) header length. */
    static byte[] file(long declaredHeaderLength, byte[] header, byte[] data) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredHeaderLength).array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** The JSON of one tensor entry. */
    static String entry(String name, String dtype, String shape, String offsets) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
    }

    /** Bytes given as a Rust-style escaped literal, as in the reference's unit tests ("\x00", "\\\"" …). */
    static byte[] rustLiteral(String s) {
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && s.charAt(i + 1) == 'x') {
                out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else if (c == '\\') {
                out.write(s.charAt(++i));
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
