package io.seqlearn.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class Utf8ReaderPropertiesTest {

    private static List<String> lines(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        try (Utf8LineReader r = new Utf8LineReader(new ByteArrayInputStream(bytes), null)) {
            for (String s; (s = r.readLine()) != null; ) out.add(s);
        }
        return out;
    }

    /** Random bytes: either lines come back or a DataFormatException; nothing else. */
    @Property(tries = 500)
    void randomBytesOnlyRaiseDataFormatException(@ForAll @Size(max = 300) byte[] bytes) throws IOException {
        try {
            lines(bytes);
            assertTrue(Utf8.firstInvalid(bytes, 0, bytes.length) < 0, "accepted invalid UTF-8 " + Arrays.toString(bytes));
        } catch (DataFormatException e) {
            assertTrue(e.line() >= 1, e.getMessage());
            assertTrue(e.getMessage().contains("invalid UTF-8"), e.getMessage());
        }
    }

    /** Our validator agrees with the JDK's strict decoder on every byte string. */
    @Property(tries = 1000)
    void validatorAgreesWithStrictDecoder(@ForAll @Size(max = 12) byte[] bytes) {
        boolean jdk;
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            jdk = true;
        } catch (java.nio.charset.CharacterCodingException e) {
            jdk = false;
        }
        assertEquals(jdk, Utf8.firstInvalid(bytes, 0, bytes.length) < 0, Arrays.toString(bytes));
    }

    /** Valid text round-trips: the lines are the text split on \n. */
    @Property(tries = 300)
    void validTextRoundTrips(@ForAll @StringLength(max = 200) @CharRange(from = '\u0000', to = '\uD7FF') String s)
            throws IOException {
        String text = s.replace("\r", "");
        List<String> expected = text.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (text.endsWith("\n")) expected.remove(expected.size() - 1);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') return;
        assertEquals(expected, lines(text.getBytes(StandardCharsets.UTF_8)));
    }
}
