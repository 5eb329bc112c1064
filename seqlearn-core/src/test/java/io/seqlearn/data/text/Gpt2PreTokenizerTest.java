package io.seqlearn.data.text;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Gpt2PreTokenizerTest {
    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        Gpt2PreTokenizer.split(s, out::add);
        return out;
    }

    @Test
    void gpt2Pieces() {
        assertEquals(List.of("Hello", " world", "'s", " ", " test", "!!", " 123", "\n"), split("Hello world's  test!! 123\n"));
        assertEquals(List.of("I", "'ll", " café", "🙂"), split("I'll café🙂"));
    }

    @Test
    void byteLevelTableIsABijection() {
        for (int b = 0; b < 256; b++) {
            byte[] one = {(byte) b};
            String t = ByteLevel.toText(one);
            assertEquals(1, t.length());
            assertFalse(Character.isWhitespace(t.charAt(0)), "byte " + b);
            assertArrayEquals(one, ByteLevel.toBytes(t));
        }
        assertEquals("Ġ", ByteLevel.toText(new byte[] {' '}));
        assertEquals("Ċ", ByteLevel.toText(new byte[] {'\n'}));
        assertNull(ByteLevel.toBytes("\u4e00"));
    }
}
