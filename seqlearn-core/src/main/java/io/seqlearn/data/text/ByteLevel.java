package io.seqlearn.data.text;

import java.util.Arrays;

/**
 * GPT-2's reversible byte ↔ printable-character table ({@code bytes_to_unicode} in openai/gpt-2
 * {@code encoder.py}): the 188 printable Latin-1 bytes map to themselves, the other 68 bytes to U+0100..U+0143
 * in byte order — so a space shows as {@code Ġ} (U+0120). BPE token texts in the vocabulary use these
 * characters, which keeps every token a readable, whitespace-free string.
 */
final class ByteLevel {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[0x144];

    static {
        Arrays.fill(CHAR_TO_BYTE, -1);
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + extra++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {}

    /** The byte-level text of {@code bytes}. */
    static String toText(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        return new String(out);
    }

    /** The bytes of a byte-level text, or null when it holds a character outside the table. */
    static byte[] toBytes(String text) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) return null;
            out[i] = (byte) b;
        }
        return out;
    }
}
