package io.seqlearn.data.text;

import static org.junit.jupiter.api.Assertions.*;

import io.seqlearn.data.Vocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {
    private static final WordTokenizer KERAS = WordTokenizer.fit(List.of(), WordTokenizer.Options.defaults());

    @Test
    void splitsLikeKerasTextToWordSequence() {
        // keras.preprocessing.text.text_to_word_sequence("Hello, World! It's a test.") == ['hello', 'world', "it's", 'a', 'test']
        assertEquals(List.of("hello", "world", "it's", "a", "test"), KERAS.tokenize("Hello, World! It's a test."));
        assertEquals(List.of("a", "b", "c"), KERAS.tokenize("a--b\t\n(c)"));
    }

    @Test
    void allUnicodeWhitespaceSeparates() {
        assertEquals(List.of("a", "b", "c", "d"), KERAS.tokenize("a\r\nb\u00A0c\u3000d"));
    }

    @Test
    void separateModeKeepsPunctuationAsTokens() {
        WordTokenizer t = WordTokenizer.fit(List.of(), WordTokenizer.Options.defaults().withFiltered(WordTokenizer.Filtered.SEPARATE));
        assertEquals(List.of("hi", ",", "you", "!"), t.tokenize("Hi, you!"));
    }

    @Test
    void specialTokenChunksSurviveTheFilters() {
        // PTB: "<unk>" must stay one token although '<' and '>' are Keras filters.
        assertEquals(List.of("the", "<unk>", "unk"), KERAS.tokenize("The <unk> <UNK>"));
    }

    @Test
    void vocabularyLimitsAndUnknownWords() {
        List<String> corpus = List.of("the cat sat", "the dog sat", "the end");
        WordTokenizer t = WordTokenizer.fit(corpus, WordTokenizer.Options.defaults()
                .withVocabulary(Vocabulary.Options.defaults().withMaxSize(6)));
        assertEquals(List.of("<pad>", "<unk>", "<bos>", "<eos>", "the", "sat"), t.vocabulary().tokens());
        assertArrayEquals(new int[] {4, 1, 5}, t.encode("The cat sat"));
        assertEquals("the <unk> sat", t.decode(t.encode("the cat sat", true, true)));
        WordTokenizer frequent = WordTokenizer.fit(corpus, WordTokenizer.Options.defaults()
                .withVocabulary(Vocabulary.Options.defaults().withMinFrequency(3)));
        assertEquals(5, frequent.vocabSize());
    }

    @Test
    void preTokenizedTextWithoutFilters() {
        WordTokenizer ptb = WordTokenizer.fit(List.of(" mr. <unk> is chairman of <unk> n.v. "),
                WordTokenizer.Options.defaults().withFilters("").withLowercase(false));
        assertEquals(List.of("mr.", "<unk>", "n.v."), ptb.tokenize("mr. <unk> n.v."));
        assertEquals(1, ptb.encode("<unk>")[0]);
    }

    @Test
    void jsonRoundTripKeepsTheSplittingRules() {
        WordTokenizer t = WordTokenizer.fit(List.of("A b, C"), WordTokenizer.Options.defaults()
                .withLowercase(false).withFilters(",").withFiltered(WordTokenizer.Filtered.SEPARATE));
        WordTokenizer back = WordTokenizer.fromJson(t.toJson());
        assertEquals(t.options().lowercase(), back.options().lowercase());
        assertEquals(t.options().filters(), back.options().filters());
        assertEquals(t.options().filtered(), back.options().filtered());
        assertEquals(t.vocabulary(), back.vocabulary());
        assertArrayEquals(t.encode("A b, C"), back.encode("A b, C"));
    }
}
