package io.seqlearn.data;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void acceptsDecimalForms() {
        assertEquals(1.5, Numbers.parse("1.5"));
        assertEquals(-0.25, Numbers.parse(" -.25 "));
        assertEquals(1000, Numbers.parse("1e3"));
        assertEquals(2, Numbers.parse("+2."));
        assertEquals(3e-2, Numbers.parse("3E-2"));
        assertTrue(Double.isNaN(Numbers.parse("NaN")));
        assertEquals(Double.NEGATIVE_INFINITY, Numbers.parse("-inf"));
    }

    @Test
    void rejectsJavaOnlyAndMalformedForms() {
        for (String s : new String[] {"", " ", "1f", "1d", "0x10", "1e", "e5", ".", "-", "1.2.3", "1,5", "--1", "abc", "1 2"}) {
            assertFalse(Numbers.isNumber(s), s);
            assertThrows(NumberFormatException.class, () -> Numbers.parse(s), s);
        }
    }
}
