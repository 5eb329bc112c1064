package io.seqlearn.data.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqlearn.data.TokenCounter;
import io.seqlearn.data.Vocabulary;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One token per Unicode code point (a supplementary character such as an emoji is one token, not two UTF-16
 * units). Characters not in the vocabulary encode as unk (an error when there is no unk token). A lone
 * surrogate counts as one character.
 *
 * <pre>{@code
 * // nanoGPT's Shakespeare vocabulary: the 65 characters in code-point order, no specials
 * CharTokenizer t = CharTokenizer.fit(List.of(text), Vocabulary.Options.defaults()
 *         .withSpecials(SpecialTokens.none()).withOrder(TokenOrder.CODE_POINT));
 * }</pre>
 */
public final class CharTokenizer implements Tokenizer {
    static final String TYPE = "char";

    private final Vocabulary vocab;
    private final int[] bmpIds;
    private final Map<Integer, Integer> otherIds = new HashMap<>();
    private final boolean[] dropOnDecode;

    /** A tokenizer over an existing vocabulary, whose non-special tokens must each be one code point. */
    public CharTokenizer(Vocabulary vocab) {
        this.vocab = vocab;
        int maxBmp = -1;
        for (int id = 0; id < vocab.size(); id++) {
            if (vocab.isSpecial(id)) continue;
            String t = vocab.token(id);
            if (t.codePointCount(0, t.length()) != 1) {
                throw new IllegalArgumentException("char tokenizer: vocabulary token " + id + " '" + t
                        + "' is not a single character");
            }
            int cp = t.codePointAt(0);
            if (cp < 0x10000) maxBmp = Math.max(maxBmp, cp); else otherIds.put(cp, id);
        }
        bmpIds = new int[maxBmp + 1];
        Arrays.fill(bmpIds, -1);
        for (int id = 0; id < vocab.size(); id++) {
            if (vocab.isSpecial(id)) continue;
            int cp = vocab.token(id).codePointAt(0);
            if (cp < 0x10000) bmpIds[cp] = id;
        }
        dropOnDecode = TokenizerSupport.dropMask(vocab);
    }

    /** Counts the code points of {@code texts} and builds the vocabulary with {@code options}. */
    public static CharTokenizer fit(Iterable<String> texts, Vocabulary.Options options) {
        HashMap<Integer, long[]> counts = new HashMap<>();
        for (String s : texts) {
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                counts.computeIfAbsent(cp, k -> new long[1])[0]++;
                i += Character.charCount(cp);
            }
        }
        TokenCounter c = new TokenCounter();
        counts.forEach((cp, n) -> c.add(Character.toString(cp), n[0]));
        return new CharTokenizer(Vocabulary.build(c.counts(), options));
    }

    /** {@link #fit(Iterable, Vocabulary.Options)} on one text. */
    public static CharTokenizer fit(String text, Vocabulary.Options options) {
        return fit(List.of(text), options);
    }

    @Override
    public int[] encode(String text) {
        int[] out = new int[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            out[n++] = idOf(cp);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private int idOf(int cp) {
        int id = -1;
        if (cp < bmpIds.length) id = bmpIds[cp];
        else if (cp >= 0x10000) id = otherIds.getOrDefault(cp, -1);
        return id >= 0 ? id : vocab.id(Character.toString(cp));
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int id : ids) {
            String t = vocab.token(id);
            if (!dropOnDecode[id]) sb.append(t);
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
        root.set("vocabulary", vocab.toJsonNode());
        return root.toString();
    }

    /** Reads the state written by {@link #toJson()}. */
    public static CharTokenizer fromJson(String json) {
        Tokenizer t = Tokenizer.fromJson(json);
        if (t instanceof CharTokenizer c) return c;
        throw new IllegalArgumentException("char tokenizer: JSON holds a " + t.type() + " tokenizer");
    }

    static CharTokenizer fromJsonNode(JsonNode root) {
        Tokenizer.checkHeader(root, TYPE);
        return new CharTokenizer(Vocabulary.fromJsonNode(root.get("vocabulary")));
    }
}
