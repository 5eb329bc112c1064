package io.seqlearn.data.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqlearn.data.TokenCounter;
import io.seqlearn.data.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word tokens, the way Keras {@code Tokenizer} / {@code text_to_word_sequence} makes them: optionally
 * lower-case the text, turn every character of {@code filters} into a separator (or, with
 * {@link Filtered#SEPARATE}, into a token of its own), split on whitespace and drop empty pieces.
 * A whitespace-delimited chunk that equals a special token's text (PTB's {@code <unk>}) is kept whole.
 * Words not in the vocabulary encode as unk; {@link #decode} joins words with single spaces.
 *
 * <p>Differences from Keras, on purpose: all Unicode whitespace separates words (Keras splits on {@code ' '}
 * only, so a {@code \r} would stick to a word); vocabulary ties are broken by code points, not by first
 * appearance.
 */
public final class WordTokenizer implements Tokenizer {
    static final String TYPE = "word";

    /** Keras {@code Tokenizer}'s default {@code filters}: ASCII punctuation (no apostrophe), tab and newline. */
    public static final String KERAS_FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    /** What happens to a character listed in {@code filters}. */
    public enum Filtered {
        /** It separates words and is dropped (Keras). */
        REMOVE,
        /** It separates words and becomes a one-character token ({@code "hi, you"} → hi , you). */
        SEPARATE
    }

    /**
     * @param lowercase  lower-case first (Keras default true)
     * @param filters    characters treated as separators (default {@link #KERAS_FILTERS}; "" for
     *                   pre-tokenized text such as PTB)
     * @param filtered   what to do with them (default {@link Filtered#REMOVE})
     * @param vocabulary vocabulary limits and specials
     */
    public record Options(boolean lowercase, String filters, Filtered filtered, Vocabulary.Options vocabulary) {
        public Options {
            if (filters == null || filtered == null || vocabulary == null) {
                throw new IllegalArgumentException("word tokenizer: null option");
            }
        }

        public static Options defaults() {
            return new Options(true, KERAS_FILTERS, Filtered.REMOVE, Vocabulary.Options.defaults());
        }

        public Options withLowercase(boolean b) { return new Options(b, filters, filtered, vocabulary); }

        public Options withFilters(String f) { return new Options(lowercase, f, filtered, vocabulary); }

        public Options withFiltered(Filtered f) { return new Options(lowercase, filters, f, vocabulary); }

        public Options withVocabulary(Vocabulary.Options v) { return new Options(lowercase, filters, filtered, v); }
    }

    private final Options options;
    private final Vocabulary vocab;
    private final boolean[] dropOnDecode;

    /** A tokenizer with {@code options}' splitting rules over an existing vocabulary. */
    public WordTokenizer(Options options, Vocabulary vocab) {
        this.options = options;
        this.vocab = vocab;
        this.dropOnDecode = TokenizerSupport.dropMask(vocab);
    }

    /** Splits {@code texts} into words and builds the vocabulary with {@code options.vocabulary()}. */
    public static WordTokenizer fit(Iterable<String> texts, Options options) {
        TokenCounter counter = new TokenCounter();
        WordTokenizer splitter = new WordTokenizer(options, Vocabulary.of(options.vocabulary().specials(), List.of(), new long[0]));
        for (String s : texts) counter.addAll(splitter.tokenize(s));
        return new WordTokenizer(options, Vocabulary.build(counter.counts(), options.vocabulary()));
    }

    public Options options() { return options; }

    /** The words of {@code text}, before the vocabulary lookup. */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && TokenizerSupport.isWhitespace(text.codePointAt(i))) i += Character.charCount(text.codePointAt(i));
            int start = i;
            while (i < n && !TokenizerSupport.isWhitespace(text.codePointAt(i))) i += Character.charCount(text.codePointAt(i));
            if (i > start) splitChunk(text.substring(start, i), word, out);
        }
        return out;
    }

    private void splitChunk(String chunk, StringBuilder word, List<String> out) {
        if (vocab.specials().isSpecial(chunk)) {
            out.add(chunk);
            return;
        }
        String s = options.lowercase() ? chunk.toLowerCase(Locale.ROOT) : chunk;
        String filters = options.filters();
        word.setLength(0);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (filters.indexOf(cp) < 0) {
                word.appendCodePoint(cp);
                continue;
            }
            if (!word.isEmpty()) out.add(word.toString());
            word.setLength(0);
            if (options.filtered() == Filtered.SEPARATE) out.add(Character.toString(cp));
        }
        if (!word.isEmpty()) out.add(word.toString());
    }

    @Override
    public int[] encode(String text) { return vocab.encode(tokenize(text)); }

    @Override
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            String t = vocab.token(id);
            if (dropOnDecode[id]) continue;
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(t);
        }
        return sb.toString();
    }

    @Override
    public Vocabulary vocabulary() { return vocab; }

    @Override
    public String type() { return TYPE; }

    @Override
    public String toJson() {
        ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        root.put("type", TYPE).put("version", 1);
        root.put("lowercase", options.lowercase()).put("filters", options.filters())
                .put("filtered", options.filtered().name());
        root.set("vocabulary", vocab.toJsonNode());
        return root.toString();
    }

    /** Reads the state written by {@link #toJson()}. */
    public static WordTokenizer fromJson(String json) {
        Tokenizer t = Tokenizer.fromJson(json);
        if (t instanceof WordTokenizer w) return w;
        throw new IllegalArgumentException("word tokenizer: JSON holds a " + t.type() + " tokenizer");
    }

    static WordTokenizer fromJsonNode(JsonNode root) {
        Tokenizer.checkHeader(root, TYPE);
        Vocabulary v = Vocabulary.fromJsonNode(root.get("vocabulary"));
        Filtered f;
        try {
            f = Filtered.valueOf(root.path("filtered").asText("REMOVE"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("word tokenizer: unknown 'filtered' value in JSON: " + root.path("filtered"));
        }
        Options o = new Options(root.path("lowercase").asBoolean(true), root.path("filters").asText(KERAS_FILTERS), f,
                Vocabulary.Options.defaults().withSpecials(v.specials()));
        return new WordTokenizer(o, v);
    }
}
