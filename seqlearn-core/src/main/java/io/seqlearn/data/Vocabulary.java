package io.seqlearn.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bijection between tokens and ids {@code 0..size-1}, with the count of each token in the corpus it was
 * built from. Special tokens come first ({@link SpecialTokens}: pad=0, unk=1, bos=2, eos=3 when all are
 * present); unknown tokens map to unk. Immutable and thread-safe.
 *
 * <pre>{@code
 * Vocabulary v = Vocabulary.build(counter.counts(), Vocabulary.Options.defaults().withMaxSize(10_000));
 * int[] ids = v.encode(List.of("the", "cat"));
 * }</pre>
 *
 * <p>JSON state ({@link #toJson()}): {@code {"format":"seqlearn-vocabulary","version":1,"specials":{...},
 * "tokens":[...],"frequencies":[...]}} with tokens in id order.
 */
public final class Vocabulary {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORMAT = "seqlearn-vocabulary";

    private final SpecialTokens specials;
    private final String[] tokens;
    private final long[] frequencies;
    private final HashMap<String, Integer> ids;
    private final int padId;
    private final int unkId;
    private final int bosId;
    private final int eosId;

    /**
     * Limits and order for {@link #build}.
     *
     * @param specials     reserved tokens, default all four
     * @param maxSize      largest vocabulary size, specials included (as torchtext's {@code max_tokens}),
     *                     default unlimited
     * @param minFrequency tokens seen fewer times are left out (they become unk), default 1
     * @param order        order of the non-special tokens, default {@link TokenOrder#FREQUENCY}
     */
    public record Options(SpecialTokens specials, int maxSize, long minFrequency, TokenOrder order) {
        public Options {
            if (specials == null || order == null) throw new IllegalArgumentException("vocabulary: null option");
            if (maxSize < specials.present().size()) {
                throw new IllegalArgumentException("vocabulary: maxSize " + maxSize + " is smaller than the "
                        + specials.present().size() + " special tokens");
            }
            if (minFrequency < 1) throw new IllegalArgumentException("vocabulary: minFrequency must be >= 1, got " + minFrequency);
        }

        public static Options defaults() {
            return new Options(SpecialTokens.defaults(), Integer.MAX_VALUE, 1, TokenOrder.FREQUENCY);
        }

        public Options withSpecials(SpecialTokens s) { return new Options(s, maxSize, minFrequency, order); }

        public Options withMaxSize(int n) { return new Options(specials, n, minFrequency, order); }

        public Options withMinFrequency(long n) { return new Options(specials, maxSize, n, order); }

        public Options withOrder(TokenOrder o) { return new Options(specials, maxSize, minFrequency, o); }
    }

    private Vocabulary(SpecialTokens specials, String[] tokens, long[] frequencies) {
        this.specials = specials;
        this.tokens = tokens;
        this.frequencies = frequencies;
        this.ids = new HashMap<>(tokens.length * 2);
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] == null) throw new IllegalArgumentException("vocabulary: token " + i + " is null");
            if (ids.put(tokens[i], i) != null) throw new IllegalArgumentException("vocabulary: duplicate token '" + tokens[i] + "'");
        }
        this.padId = specials.pad() == null ? -1 : ids.get(specials.pad());
        this.unkId = specials.unk() == null ? -1 : ids.get(specials.unk());
        this.bosId = specials.bos() == null ? -1 : ids.get(specials.bos());
        this.eosId = specials.eos() == null ? -1 : ids.get(specials.eos());
    }

    /**
     * Builds a vocabulary from token counts: specials first, then the tokens seen at least
     * {@code minFrequency} times, the most frequent {@code maxSize - specials} of them, in {@code order}.
     * A counted token equal to a special string (e.g. PTB's {@code <unk>}) is that special token; its count
     * becomes the special's frequency.
     */
    public static Vocabulary build(Map<String, Long> counts, Options options) {
        SpecialTokens sp = options.specials();
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (!sp.isSpecial(e.getKey()) && e.getValue() >= options.minFrequency()) kept.add(e);
        }
        Comparator<Map.Entry<String, Long>> byCount = Comparator.comparing(Map.Entry<String, Long>::getValue).reversed();
        kept.sort(byCount.thenComparing(Map.Entry::getKey, Vocabulary::compareCodePoints));
        long room = (long) options.maxSize() - sp.present().size();
        if (kept.size() > room) kept = new ArrayList<>(kept.subList(0, (int) room));
        if (options.order() == TokenOrder.CODE_POINT) kept.sort(Map.Entry.comparingByKey(Vocabulary::compareCodePoints));
        List<String> toks = new ArrayList<>(kept.size());
        long[] freq = new long[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            toks.add(kept.get(i).getKey());
            freq[i] = kept.get(i).getValue();
        }
        long[] specialFreq = sp.present().stream().mapToLong(s -> counts.getOrDefault(s, 0L)).toArray();
        return assemble(sp, toks, freq, specialFreq);
    }

    /** Builds from a stream of tokens (counted first). */
    public static Vocabulary build(Iterable<String> tokenStream, Options options) {
        return build(new TokenCounter().addAll(tokenStream).counts(), options);
    }

    /**
     * A vocabulary with exactly these (non-special) tokens in this order after the specials; for
     * tokenizers whose ids are fixed by their own algorithm (BPE merges).
     */
    public static Vocabulary of(SpecialTokens specials, List<String> tokens, long[] frequencies) {
        if (frequencies.length != tokens.size()) {
            throw new IllegalArgumentException("vocabulary: " + tokens.size() + " tokens but " + frequencies.length + " frequencies");
        }
        for (String t : tokens) {
            if (specials.isSpecial(t)) throw new IllegalArgumentException("vocabulary: '" + t + "' is a special token");
        }
        return assemble(specials, tokens, frequencies, new long[specials.present().size()]);
    }

    private static Vocabulary assemble(SpecialTokens sp, List<String> toks, long[] freq, long[] specialFreq) {
        List<String> present = sp.present();
        String[] all = new String[present.size() + toks.size()];
        long[] f = new long[all.length];
        for (int i = 0; i < present.size(); i++) {
            all[i] = present.get(i);
            f[i] = specialFreq[i];
        }
        for (int i = 0; i < toks.size(); i++) {
            all[present.size() + i] = toks.get(i);
            f[present.size() + i] = freq[i];
        }
        return new Vocabulary(sp, all, f);
    }

    /** Compares strings by code points (Python's string order), not UTF-16 units. */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Number of tokens, specials included. */
    public int size() { return tokens.length; }

    public SpecialTokens specials() { return specials; }

    /** Whether {@code token} is in the vocabulary. */
    public boolean contains(String token) { return ids.containsKey(token); }

    /**
     * Id of {@code token}; the unk id for unknown tokens.
     *
     * @throws IllegalArgumentException for an unknown token when there is no unk token
     */
    public int id(String token) {
        Integer i = ids.get(token);
        if (i != null) return i;
        if (unkId < 0) {
            throw new IllegalArgumentException("vocabulary: unknown token '" + token + "' and the vocabulary has no unk token");
        }
        return unkId;
    }

    /** Id of {@code token}, or -1 when it is not in the vocabulary. */
    public int idOrMinusOne(String token) {
        Integer i = ids.get(token);
        return i == null ? -1 : i;
    }

    /** The token with id {@code id}. */
    public String token(int id) {
        checkId(id);
        return tokens[id];
    }

    /** Corpus count of the token with id {@code id} (0 for specials not seen in the corpus). */
    public long frequency(int id) {
        checkId(id);
        return frequencies[id];
    }

    /** Corpus count of {@code token} (0 if absent). */
    public long frequency(String token) {
        Integer i = ids.get(token);
        return i == null ? 0 : frequencies[i];
    }

    /** All tokens in id order. */
    public List<String> tokens() { return List.of(tokens); }

    public int padId() { return special(padId, "pad"); }

    public int unkId() { return special(unkId, "unk"); }

    public int bosId() { return special(bosId, "bos"); }

    public int eosId() { return special(eosId, "eos"); }

    /** Whether {@code id} is one of the special tokens. */
    public boolean isSpecial(int id) { return id >= 0 && id < specials.present().size(); }

    /** Ids of {@code tokens} (unknown ones → unk). */
    public int[] encode(List<String> tokenList) {
        int[] out = new int[tokenList.size()];
        for (int i = 0; i < out.length; i++) out[i] = id(tokenList.get(i));
        return out;
    }

    /** Tokens of {@code idList}. */
    public List<String> decode(int[] idList) {
        List<String> out = new ArrayList<>(idList.length);
        for (int id : idList) out.add(token(id));
        return out;
    }

    /** The JSON state (see the class comment). */
    public String toJson() { return toJsonNode().toString(); }

    /** The JSON state as a tree, for embedding in a tokenizer's JSON. */
    public ObjectNode toJsonNode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("version", 1);
        ObjectNode sp = root.putObject("specials");
        sp.put("pad", specials.pad()).put("unk", specials.unk()).put("bos", specials.bos()).put("eos", specials.eos());
        ArrayNode t = root.putArray("tokens");
        for (String s : tokens) t.add(s);
        ArrayNode f = root.putArray("frequencies");
        for (long x : frequencies) f.add(x);
        return root;
    }

    /** Reads the state written by {@link #toJson()}. */
    public static Vocabulary fromJson(String json) {
        try {
            return fromJsonNode(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("vocabulary: invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads the state from a JSON tree. */
    public static Vocabulary fromJsonNode(JsonNode root) {
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("vocabulary: JSON is not a " + FORMAT + " (format field missing or wrong)");
        }
        JsonNode sp = root.path("specials");
        SpecialTokens specials = new SpecialTokens(text(sp, "pad"), text(sp, "unk"), text(sp, "bos"), text(sp, "eos"));
        JsonNode t = root.path("tokens");
        JsonNode f = root.path("frequencies");
        if (!t.isArray() || !f.isArray() || t.size() != f.size()) {
            throw new IllegalArgumentException("vocabulary: JSON needs arrays 'tokens' and 'frequencies' of equal length");
        }
        String[] all = new String[t.size()];
        long[] freq = new long[t.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = t.get(i).asText();
            freq[i] = f.get(i).asLong();
        }
        List<String> present = specials.present();
        for (int i = 0; i < present.size(); i++) {
            if (i >= all.length || !present.get(i).equals(all[i])) {
                throw new IllegalArgumentException("vocabulary: JSON token " + i + " should be the special token '"
                        + present.get(i) + "'");
            }
        }
        return new Vocabulary(specials, all, freq);
    }

    /** Writes the JSON state to {@code file} atomically. */
    public void save(Path file) throws IOException { AtomicFiles.writeString(file, toJson()); }

    /** Reads a vocabulary saved by {@link #save(Path)}. */
    public static Vocabulary load(Path file) throws IOException { return fromJson(Files.readString(file)); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && specials.equals(v.specials) && Arrays.equals(tokens, v.tokens)
                && Arrays.equals(frequencies, v.frequencies);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(tokens) * 31 + Arrays.hashCode(frequencies); }

    @Override
    public String toString() { return "Vocabulary(size=" + tokens.length + ", specials=" + specials.present() + ")"; }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private void checkId(int id) {
        if (id < 0 || id >= tokens.length) {
            throw new IllegalArgumentException("vocabulary: id " + id + " out of range [0, " + tokens.length + ")");
        }
    }

    private static int special(int id, String name) {
        if (id < 0) throw new IllegalStateException("vocabulary has no " + name + " token");
        return id;
    }
}
