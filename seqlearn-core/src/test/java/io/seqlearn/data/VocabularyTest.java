package io.seqlearn.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {
    private static final Map<String, Long> COUNTS = Map.of("the", 5L, "cat", 2L, "sat", 2L, "a", 2L, "mat", 1L);

    @Test
    void specialsTakeTheFirstIdsInTheFixedOrder() {
        Vocabulary v = Vocabulary.build(COUNTS, Vocabulary.Options.defaults());
        assertEquals(List.of("<pad>", "<unk>", "<bos>", "<eos>"), v.tokens().subList(0, 4));
        assertEquals(0, v.padId());
        assertEquals(1, v.unkId());
        assertEquals(2, v.bosId());
        assertEquals(3, v.eosId());
        assertTrue(v.isSpecial(3));
        assertFalse(v.isSpecial(4));
    }

    @Test
    void absentSpecialsCloseTheGap() {
        Vocabulary v = Vocabulary.build(COUNTS, Vocabulary.Options.defaults()
                .withSpecials(SpecialTokens.defaults().withPad(null).withBos(null)));
        assertEquals(0, v.unkId());
        assertEquals(1, v.eosId());
        IllegalStateException e = assertThrows(IllegalStateException.class, v::padId);
        assertTrue(e.getMessage().contains("no pad"));
    }

    @Test
    void frequencyOrderWithCodePointTieBreak() {
        Vocabulary v = Vocabulary.build(COUNTS, Vocabulary.Options.defaults());
        assertEquals(List.of("the", "a", "cat", "sat", "mat"), v.tokens().subList(4, 9));
        assertEquals(5, v.frequency("the"));
        assertEquals(2, v.frequency(v.id("cat")));
    }

    @Test
    void maxSizeCountsTheSpecialsAndMinFrequencyDropsRareTokens() {
        Vocabulary small = Vocabulary.build(COUNTS, Vocabulary.Options.defaults().withMaxSize(6));
        assertEquals(List.of("<pad>", "<unk>", "<bos>", "<eos>", "the", "a"), small.tokens());
        Vocabulary frequent = Vocabulary.build(COUNTS, Vocabulary.Options.defaults().withMinFrequency(2));
        assertFalse(frequent.contains("mat"));
        assertEquals(frequent.unkId(), frequent.id("mat"));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.Options.defaults().withMaxSize(3));
    }

    @Test
    void unknownTokensMapToUnkOrFailWithoutOne() {
        Vocabulary v = Vocabulary.build(COUNTS, Vocabulary.Options.defaults());
        assertArrayEquals(new int[] {4, 1, 6}, v.encode(List.of("the", "dog", "cat")));
        Vocabulary noUnk = Vocabulary.build(COUNTS, Vocabulary.Options.defaults().withSpecials(SpecialTokens.none()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> noUnk.id("dog"));
        assertTrue(e.getMessage().contains("'dog'"), e.getMessage());
    }

    @Test
    void aCountedSpecialStringIsTheSpecialToken() {
        // PTB writes <unk> in its text: it must not become a second, ordinary token.
        Vocabulary v = Vocabulary.build(List.of("a", "<unk>", "b", "<unk>"), Vocabulary.Options.defaults());
        assertEquals(6, v.size());
        assertEquals(1, v.id("<unk>"));
        assertEquals(2, v.frequency(1));
    }

    @Test
    void codePointOrderSortsLikePython() {
        // U+FF21 (fullwidth A) sorts after U+1F600 in UTF-16 units but before it in code points.
        Vocabulary v = Vocabulary.build(Map.of("\uD83D\uDE00", 9L, "\uFF21", 1L, "b", 3L),
                Vocabulary.Options.defaults().withSpecials(SpecialTokens.none()).withOrder(TokenOrder.CODE_POINT));
        assertEquals(List.of("b", "\uFF21", "\uD83D\uDE00"), v.tokens());
    }

    @Test
    void jsonRoundTripAndFileSaveLoad(@TempDir Path dir) throws Exception {
        Vocabulary v = Vocabulary.build(COUNTS, Vocabulary.Options.defaults().withSpecials(SpecialTokens.defaults().withBos(null)));
        assertEquals(v, Vocabulary.fromJson(v.toJson()));
        Path f = dir.resolve("sub/vocab.json");
        v.save(f);
        assertEquals(v, Vocabulary.load(f));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void jsonWithMisplacedSpecialIsRejected() {
        String json = Vocabulary.build(COUNTS, Vocabulary.Options.defaults()).toJson().replace("\"<pad>\",\"<unk>\"", "\"<unk>\",\"<pad>\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromJson(json));
        assertTrue(e.getMessage().contains("special token '<pad>'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromJson("{\"tokens\": []}"));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromJson("not json"));
    }

    @Test
    void idsOutOfRangeNameTheRange() {
        Vocabulary v = Vocabulary.build(COUNTS, Vocabulary.Options.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.token(9));
        assertEquals("vocabulary: id 9 out of range [0, 9)", e.getMessage());
    }

    @Test
    void explicitTokenListsRejectDuplicatesAndSpecials() {
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(SpecialTokens.none(), List.of("a", "a"), new long[2]));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(SpecialTokens.defaults(), List.of("<eos>"), new long[1]));
        assertThrows(IllegalArgumentException.class, () -> new SpecialTokens("x", "x", null, null));
    }
}
