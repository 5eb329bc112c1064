package io.seqlearn.metrics.text;

import static org.junit.jupiter.api.Assertions.*;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The scanning tokenizer against a literal transcription of sacreBLEU's regexes, on random text. */
class Tokenizer13aPropertiesTest {
    private static final Pattern R1 = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
    private static final Pattern R2 = Pattern.compile("([^0-9])([\\.,])");
    private static final Pattern R3 = Pattern.compile("([\\.,])([^0-9])");
    private static final Pattern R4 = Pattern.compile("([0-9])(-)");

    /** sacrebleu's TokenizerRegexp and Tokenizer13a, transcribed literally (Java regex, same patterns). */
    static String regexTokenize(String line) {
        String s = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ").replace("&quot;", "\"")
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        s = " " + s + " ";
        s = R1.matcher(s).replaceAll(" $1 ");
        s = R2.matcher(s).replaceAll("$1 $2 ");
        s = R3.matcher(s).replaceAll(" $1 $2");
        s = R4.matcher(s).replaceAll("$1 $2 ");
        return String.join(" ", PythonText.split(s));
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of(".", ",", "-", "'", "\"", " ", "  ", "\n", "\t", "\u00A0", "0", "7", "12", "3.5", "1,000",
                        "a", "Ab", "é", "😀", "<skipped>", "&quot;", "&amp;", "&lt;", "&gt;", "-\n", "\uD800", "\uDC00"),
                Arbitraries.chars().range('\u0000', '\u007F').map(String::valueOf),
                Arbitraries.strings().all().ofMaxLength(2));
        return pieces.list().ofMaxSize(30).map(l -> String.join("", l));
    }

    @Property(tries = 2000)
    void scannerEqualsRegexes(@ForAll("text") String s) {
        assertEquals(regexTokenize(s), Tokenizer13a.tokenize(s));
    }

    @Test
    void symbolClassMatchesThePythonCharacterClassOnEveryBmpChar() {
        for (int c = 0; c < 0x10000; c++) {
            assertEquals(R1.matcher(String.valueOf((char) c)).matches(), Tokenizer13a.isSymbol(c), "char " + c);
        }
    }
}
