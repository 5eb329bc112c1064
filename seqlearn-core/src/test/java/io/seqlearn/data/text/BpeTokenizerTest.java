package io.seqlearn.data.text;

import static org.junit.jupiter.api.Assertions.*;

import io.seqlearn.data.SpecialTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTokenizerTest {
    static final List<String> CORPUS = List.of(
            "the cat sat on the mat.", "The cat's hat is flat; that cat sat.", "low lower lowest newer wider",
            "naïve café — crème brûlée ☕", "日本語のテキストです。", "emoji 😀😀 and 👍🏽 too", "the the the then there");

    static BpeTokenizer trained() {
        return BpeTokenizer.train(CORPUS, BpeTokenizer.Options.defaults(4 + 256 + 60).withMinPairFrequency(2));
    }

    @Test
    void idsAreSpecialsThenBytesThenMerges() {
        BpeTokenizer t = trained();
        assertEquals(List.of("<pad>", "<unk>", "<bos>", "<eos>"), t.vocabulary().tokens().subList(0, 4));
        assertEquals("!", t.vocabulary().token(4 + '!'));
        assertEquals("Ġ", t.vocabulary().token(4 + ' '), "GPT-2 shows a space byte as U+0120");
        assertArrayEquals(new byte[] {' '}, t.tokenBytes(4 + ' '));
        assertEquals(4 + 256 + t.mergeCount(), t.vocabSize());
        assertTrue(t.mergeCount() > 10);
    }

    @Test
    void firstMergeIsTheMostFrequentPair() {
        // "at" is in cat ×3, sat ×2, mat, hat, flat, that: 9 times; the runner-up " t" 7 times.
        BpeTokenizer t = trained();
        assertArrayEquals(new String[] {"a", "t"}, t.merges().get(0));
    }

    @Test
    void trainingMatchesTheNaiveRecountingTrainer() {
        Random rnd = new Random(7);
        String[] words = {"low", "lower", "newest", "widest", "a", "ab", "abab", "aaa", "x.y", "  ", "é", "😀"};
        for (int trial = 0; trial < 20; trial++) {
            List<String> corpus = new ArrayList<>();
            for (int line = 0; line < 30; line++) {
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < 1 + rnd.nextInt(8); k++) sb.append(words[rnd.nextInt(words.length)]).append(rnd.nextBoolean() ? " " : "");
                corpus.add(sb.toString());
            }
            int vocab = 4 + 256 + 5 + rnd.nextInt(40);
            long minFreq = 1 + rnd.nextInt(3);
            BpeTokenizer fast = BpeTokenizer.train(corpus, BpeTokenizer.Options.defaults(vocab).withMinPairFrequency(minFreq));
            List<String> got = fast.merges().stream().map(m -> m[0] + " " + m[1]).toList();
            assertEquals(NaiveBpe.trainMerges(corpus, vocab, minFreq, SpecialTokens.defaults()), got, "trial " + trial);
        }
    }

    @Test
    void mergesDoNotDependOnCorpusOrder() {
        List<String> shuffled = new ArrayList<>(CORPUS);
        Collections.shuffle(shuffled, new Random(3));
        BpeTokenizer a = trained();
        BpeTokenizer b = BpeTokenizer.train(shuffled, BpeTokenizer.Options.defaults(4 + 256 + 60).withMinPairFrequency(2));
        assertEquals(a.toJson(), b.toJson());
    }

    @Test
    void encodeMatchesGpt2sQuadraticLoop() {
        BpeTokenizer t = trained();
        for (String s : CORPUS) assertArrayEquals(NaiveBpe.encode(t, s), t.encode(s), s);
        String adversarial = "the".repeat(200) + " " + "aaaa".repeat(100) + " cat" + "sat".repeat(50);
        assertArrayEquals(NaiveBpe.encode(t, adversarial), t.encode(adversarial));
    }

    @Test
    void roundTripsUnicodeExactly() {
        BpeTokenizer t = trained();
        for (String s : new String[] {"", " ", "e\u0301", "👨‍👩‍👧‍👦", "\u0000\t\r\n", "mixed 中文 and العربية", "\uFFFF\uD83D\uDE00"}) {
            assertEquals(s, t.decode(t.encode(s)));
        }
    }

    @Test
    void minPairFrequencyStopsTrainingEarly() {
        BpeTokenizer t = BpeTokenizer.train(List.of("ab ab cd"), BpeTokenizer.Options.defaults(10_000).withMinPairFrequency(2));
        // Pre-tokens "ab", " ab", " cd": only (a, b) is seen twice; after it every pair is seen once.
        assertEquals(List.of("a b"), t.merges().stream().map(m -> m[0] + " " + m[1]).toList());
    }

    @Test
    void loneSurrogatesAreRejectedWithTheirPosition() {
        BpeTokenizer t = trained();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.encode("ok\uD800x"));
        assertEquals("bpe: text has a lone surrogate U+D800 at index 2; it has no UTF-8 form", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.encode("\uDC00"));
    }

    @Test
    void decodeDropsPadBosEosAndReplacesBrokenBytes() {
        BpeTokenizer t = trained();
        int[] ids = t.encode("hé", true, true);
        assertEquals(2, ids[0]);
        assertEquals(3, ids[ids.length - 1]);
        assertEquals("hé", t.decode(ids));
        int firstByteOfE = 4 + ("é".getBytes(StandardCharsets.UTF_8)[0] & 0xFF);
        assertEquals("\uFFFD", t.decode(new int[] {firstByteOfE}));
    }

    @Test
    void jsonRoundTripKeepsEveryTokenAndMerge(@TempDir Path dir) throws Exception {
        BpeTokenizer t = trained();
        Path f = dir.resolve("bpe.json");
        t.save(f);
        Tokenizer back = Tokenizer.load(f);
        assertInstanceOf(BpeTokenizer.class, back);
        assertEquals(t.vocabulary(), back.vocabulary());
        assertEquals(t.toJson(), back.toJson());
        String s = "the cat sat on a flat mat 😀";
        assertArrayEquals(t.encode(s), back.encode(s));
    }

    @Test
    void corruptJsonIsRejected() {
        String json = trained().toJson();
        String noMerge = json.replaceFirst("\\[\"a\",\"t\"\\],", "");
        assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.fromJson(noMerge));
        assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.fromJson(json.replace("\"bpe\"", "\"char\"")));
    }

    @Test
    void optionsCheckTheVocabularyIsLargeEnough() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.Options.defaults(100));
        assertEquals("bpe: vocabSize 100 is below the 260 tokens that the specials and the 256 bytes take", e.getMessage());
    }

    @Test
    void pureByteVocabularyWhenNoMergesAreWanted() {
        BpeTokenizer t = BpeTokenizer.train(CORPUS, new BpeTokenizer.Options(256, 2, SpecialTokens.none()));
        assertEquals(0, t.mergeCount());
        byte[] bytes = "héllo".getBytes(StandardCharsets.UTF_8);
        int[] expected = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) expected[i] = bytes[i] & 0xFF;
        assertArrayEquals(expected, t.encode("héllo"));
        assertEquals(Arrays.toString(expected), Arrays.toString(t.encode("héllo")));
    }
}
