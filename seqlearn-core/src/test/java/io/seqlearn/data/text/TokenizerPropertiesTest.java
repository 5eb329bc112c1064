package io.seqlearn.data.text;

import static org.junit.jupiter.api.Assertions.*;

import io.seqlearn.data.SpecialTokens;
import io.seqlearn.data.Vocabulary;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Fuzzing every tokenizer with random text: round trips where promised, only documented exceptions. */
class TokenizerPropertiesTest {
    private static final BpeTokenizer BPE = BpeTokenizerTest.trained();
    private static final CharTokenizer CHAR = CharTokenizer.fit(BpeTokenizerTest.CORPUS, Vocabulary.Options.defaults());
    private static final CharTokenizer CHAR_NO_UNK = CharTokenizer.fit(BpeTokenizerTest.CORPUS,
            Vocabulary.Options.defaults().withSpecials(SpecialTokens.none()));
    private static final WordTokenizer WORD = WordTokenizer.fit(BpeTokenizerTest.CORPUS, WordTokenizer.Options.defaults());

    /** Valid Unicode text: random code points (no surrogates), emoji sequences, combining marks, words, spaces. */
    @Provide
    Arbitrary<String> unicodeText() {
        Arbitrary<String> codePoint = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0xD7FF), Arbitraries.integers().between(0xE000, 0x10FFFF))
                .map(Character::toString);
        Arbitrary<String> pieces = Arbitraries.oneOf(codePoint,
                Arbitraries.of("😀", "👍🏽", "👨‍👩‍👧", "e\u0301", "\u0301\u0302", " ", "  ", "\n", "\t", "the", " cat", "'s", "1,000", "日本"));
        return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    /** Any Java string, lone surrogates included. */
    @Provide
    Arbitrary<String> anyString() {
        return Arbitraries.strings().all().ofMaxLength(60);
    }

    @Property(tries = 400)
    void bpeRoundTripsAnyValidText(@ForAll("unicodeText") String s) {
        int[] ids = BPE.encode(s);
        assertEquals(s, BPE.decode(ids));
        for (int id : ids) assertTrue(id >= 4 && id < BPE.vocabSize(), "no specials, ids in range");
    }

    @Property(tries = 200)
    void bpeEncoderAgreesWithGpt2Loop(@ForAll("unicodeText") String s) {
        assertArrayEquals(NaiveBpe.encode(BPE, s), BPE.encode(s));
    }

    @Property(tries = 400)
    void bpeOnlyRejectsLoneSurrogates(@ForAll("anyString") String s) {
        boolean lone = hasLoneSurrogate(s);
        try {
            assertEquals(s, BPE.decode(BPE.encode(s)));
            assertFalse(lone, "a lone surrogate must be rejected");
        } catch (IllegalArgumentException e) {
            assertTrue(lone, e.getMessage());
        }
    }

    @Property(tries = 400)
    void charTokenizerNeverFailsWithUnkAndRoundTripsKnownText(@ForAll("anyString") String s) {
        int[] ids = CHAR.encode(s);
        assertEquals(s.codePointCount(0, s.length()), ids.length);
        String known = CHAR.decode(CHAR.encode("the cat"));
        assertEquals("the cat", known);
        try {
            CHAR_NO_UNK.encode(s);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("unknown token"), e.getMessage());
        }
    }

    @Property(tries = 400)
    void wordTokenizerNeverFails(@ForAll("anyString") String s) {
        int[] ids = WORD.encode(s);
        List<String> words = WORD.tokenize(s);
        assertEquals(words.size(), ids.length);
        for (String w : words) assertFalse(w.isEmpty() || w.chars().anyMatch(Character::isWhitespace), w);
    }

    @Property(tries = 300)
    void preTokenizerPiecesConcatenateBack(@ForAll("anyString") String s) {
        StringBuilder sb = new StringBuilder();
        Gpt2PreTokenizer.split(s, p -> {
            assertFalse(p.isEmpty());
            sb.append(p);
        });
        assertEquals(s, sb.toString());
    }

    @Property(tries = 100)
    void trainingOnRandomTextRoundTrips(@ForAll("unicodeText") String a, @ForAll("unicodeText") String b) {
        BpeTokenizer t = BpeTokenizer.train(List.of(a, b, a + b), BpeTokenizer.Options.defaults(4 + 256 + 30).withMinPairFrequency(1));
        assertEquals(a + b, t.decode(t.encode(a + b)));
        assertEquals(t.toJson(), BpeTokenizer.fromJson(t.toJson()).toJson());
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c)) return true;
        }
        return false;
    }

}
