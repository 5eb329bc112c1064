package io.seqlearn.data.text;

import static org.junit.jupiter.api.Assertions.*;

import io.seqlearn.data.SpecialTokens;
import io.seqlearn.data.TokenOrder;
import io.seqlearn.data.Vocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

class CharTokenizerTest {
    private static final Vocabulary.Options NANOGPT =
            Vocabulary.Options.defaults().withSpecials(SpecialTokens.none()).withOrder(TokenOrder.CODE_POINT);

    @Test
    void nanoGptStyleVocabularyIsSortedCharacters() {
        CharTokenizer t = CharTokenizer.fit("hello world", NANOGPT);
        assertEquals(List.of(" ", "d", "e", "h", "l", "o", "r", "w"), t.vocabulary().tokens());
        assertArrayEquals(new int[] {3, 2, 4, 4, 5}, t.encode("hello"));
        assertEquals("world", t.decode(t.encode("world")));
    }

    @Test
    void supplementaryCharactersAreOneToken() {
        CharTokenizer t = CharTokenizer.fit("a😀b", Vocabulary.Options.defaults());
        int[] ids = t.encode("😀😀a");
        assertEquals(3, ids.length);
        assertEquals(ids[0], ids[1]);
        assertEquals("😀", t.vocabulary().token(ids[0]));
        assertEquals("😀😀a", t.decode(ids));
    }

    @Test
    void unknownCharactersBecomeUnkOrFail() {
        CharTokenizer withUnk = CharTokenizer.fit("abc", Vocabulary.Options.defaults());
        assertArrayEquals(new int[] {withUnk.vocabulary().id("a"), 1}, withUnk.encode("az"));
        assertEquals("a<unk>", withUnk.decode(withUnk.encode("az")));
        CharTokenizer noUnk = CharTokenizer.fit("abc", NANOGPT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> noUnk.encode("az"));
        assertTrue(e.getMessage().contains("unknown token 'z'"), e.getMessage());
    }

    @Test
    void decodeDropsPadBosEos() {
        CharTokenizer t = CharTokenizer.fit("ab", Vocabulary.Options.defaults());
        int[] ids = t.encode("ab", true, true);
        assertArrayEquals(new int[] {2, t.vocabulary().id("a"), t.vocabulary().id("b"), 3}, ids);
        assertEquals("ab", t.decode(new int[] {0, 2, ids[1], ids[2], 3, 0}));
    }

    @Test
    void jsonRoundTripThroughTheInterface() {
        CharTokenizer t = CharTokenizer.fit(List.of("zyx", "a😀"), Vocabulary.Options.defaults());
        Tokenizer back = Tokenizer.fromJson(t.toJson());
        assertInstanceOf(CharTokenizer.class, back);
        assertEquals(t.vocabulary(), back.vocabulary());
        assertArrayEquals(t.encode("x😀q"), back.encode("x😀q"));
        assertThrows(IllegalArgumentException.class, () -> CharTokenizer.fromJson(
                WordTokenizer.fit(List.of("a b"), WordTokenizer.Options.defaults()).toJson()));
    }

    @Test
    void multiCharacterVocabularyTokensAreRejected() {
        Vocabulary v = Vocabulary.of(SpecialTokens.none(), List.of("ab"), new long[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CharTokenizer(v));
        assertTrue(e.getMessage().contains("'ab' is not a single character"));
    }

    @Test
    void unknownTypeInJsonIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokenizer.fromJson("{\"type\":\"wordpiece\"}"));
        assertTrue(e.getMessage().contains("unknown type 'wordpiece'"));
    }
}
