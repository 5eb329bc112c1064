package io.seqlearn.metrics.text;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Expected outputs traced by hand through the four regexes of sacreBLEU's tokenizer_13a / tokenizer_re. */
class Tokenizer13aTest {
    @Test
    void punctuationIsSplitOff() {
        assertEquals("Hello , world !", Tokenizer13a.tokenize("Hello, world!"));
        assertEquals("( a ) [ b ] { c } \" d \" ; e : f ?", Tokenizer13a.tokenize("(a) [b] {c} \"d\"; e: f?"));
        assertEquals("a / b @ c # d $ e % f & g * h + i < j = k > l ^ m _ n ` o | p ~ q \\ r",
                Tokenizer13a.tokenize("a/b@c#d$e%f&g*h+i<j=k>l^m_n`o|p~q\\r"));
    }

    @Test
    void apostrophesAndInnerHyphensStay() {
        assertEquals("don't well-known", Tokenizer13a.tokenize("don't well-known"));
    }

    @Test
    void numbersKeepTheirPeriodsAndCommas() {
        assertEquals("It costs $ 3.50 .", Tokenizer13a.tokenize("It costs $3.50."));
        assertEquals("1,000 people , 2.5 %", Tokenizer13a.tokenize("1,000 people, 2.5%"));
        assertEquals("a . b", Tokenizer13a.tokenize("a.b"));
        assertEquals("3 .", Tokenizer13a.tokenize("3."));
        assertEquals(". 5", Tokenizer13a.tokenize(".5"), "leading period: preceded by the padding space, a non-digit");
    }

    @Test
    void dashAfterDigitIsSplit() {
        assertEquals("1990 - 2000", Tokenizer13a.tokenize("1990-2000"));
        assertEquals("A-1", Tokenizer13a.tokenize("A-1"));
    }

    @Test
    void entitiesSkippedMarkersAndNewlines() {
        assertEquals("\" hi \" & < >", Tokenizer13a.tokenize("&quot;hi&quot; &amp; &lt; &gt;"));
        assertEquals("& quot ;", Tokenizer13a.tokenize("&amp;quot;"), "&amp; is unescaped after &quot;");
        assertEquals("ab", Tokenizer13a.tokenize("a<skipped>b"));
        assertEquals("hyphenated line", Tokenizer13a.tokenize("hyphen-\nated\nline"));
    }

    @Test
    void pythonWhitespaceIsCollapsed() {
        assertEquals("a b c", Tokenizer13a.tokenize("\u00A0a\tb\u3000\u2028c\u0085"));
        assertEquals("", Tokenizer13a.tokenize("   "));
    }
}
