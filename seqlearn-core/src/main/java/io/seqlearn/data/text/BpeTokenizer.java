package io.seqlearn.data.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqlearn.data.SpecialTokens;
import io.seqlearn.data.Vocabulary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GPT-2-style byte-level byte-pair encoding (Radford et al. 2019; openai/gpt-2 {@code encoder.py}).
 *
 * <p>Text is split into GPT-2 pre-tokens, each pre-token's UTF-8 bytes start as 256 byte symbols, and the
 * learned merges are applied in rank order (lowest rank first, all occurrences left to right, exactly as
 * GPT-2's {@code bpe()} does, but with a heap so a pre-token of n bytes costs O(n log n), not O(n²)).
 * Because every byte is a token, any valid text encodes with no unk and {@code decode(encode(s)).equals(s)}.
 *
 * <p>Ids: the specials first (pad=0, unk=1, bos=2, eos=3 by default), then the 256 bytes in byte order, then
 * one token per merge in merge order. Token texts use GPT-2's byte-to-character table (a space is
 * {@code Ġ}). {@link #encode} rejects a string with a lone surrogate (it has no UTF-8 form) with an
 * {@link IllegalArgumentException}; {@link #decode} of an id sequence that cuts a character in half writes
 * U+FFFD for the broken bytes, like GPT-2's {@code errors="replace"}.
 *
 * <pre>{@code
 * BpeTokenizer bpe = BpeTokenizer.train(lines, BpeTokenizer.Options.defaults(8000));
 * int[] ids = bpe.encode("Hello, wörld 👋");
 * }</pre>
 */
public final class BpeTokenizer implements Tokenizer {
    static final String TYPE = "bpe";
    private static final int CACHE_LIMIT = 100_000;

    /**
     * Training settings.
     *
     * @param vocabSize        target V, specials and the 256 bytes included; training stops earlier when
     *                         no pair is frequent enough
     * @param minPairFrequency a pair seen fewer times is never merged (default 2)
     * @param specials         reserved tokens (default all four)
     */
    public record Options(int vocabSize, long minPairFrequency, SpecialTokens specials) {
        public Options {
            if (specials == null) throw new IllegalArgumentException("bpe: specials must not be null");
            int least = specials.present().size() + 256;
            if (vocabSize < least) {
                throw new IllegalArgumentException("bpe: vocabSize " + vocabSize + " is below the " + least
                        + " tokens that the specials and the 256 bytes take");
            }
            if (minPairFrequency < 1) throw new IllegalArgumentException("bpe: minPairFrequency must be >= 1, got " + minPairFrequency);
        }

        public static Options defaults(int vocabSize) { return new Options(vocabSize, 2, SpecialTokens.defaults()); }

        public Options withMinPairFrequency(long n) { return new Options(vocabSize, n, specials); }

        public Options withSpecials(SpecialTokens s) { return new Options(vocabSize, minPairFrequency, s); }
    }

    private final Vocabulary vocab;
    private final int offset;
    private final int[] mergeLeft;
    private final int[] mergeRight;
    private final byte[][] tokenBytes;
    private final LongLongMap ranks;
    private final boolean[] dropOnDecode;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * A tokenizer from merges over internal ids (bytes 0..255, merge i makes id 256 + i).
     *
     * @param frequencies corpus counts of the 256 bytes and then of each merge
     */
    BpeTokenizer(SpecialTokens specials, int[] left, int[] right, long[] frequencies) {
        int m = left.length;
        this.mergeLeft = left;
        this.mergeRight = right;
        this.tokenBytes = new byte[256 + m][];
        this.ranks = new LongLongMap(m);
        List<String> texts = new ArrayList<>(256 + m);
        for (int b = 0; b < 256; b++) tokenBytes[b] = new byte[] {(byte) b};
        for (int i = 0; i < m; i++) {
            if (left[i] < 0 || left[i] >= 256 + i || right[i] < 0 || right[i] >= 256 + i) {
                throw new IllegalArgumentException("bpe: merge " + i + " refers to a token that does not exist yet");
            }
            byte[] l = tokenBytes[left[i]];
            byte[] r = tokenBytes[right[i]];
            byte[] j = new byte[l.length + r.length];
            System.arraycopy(l, 0, j, 0, l.length);
            System.arraycopy(r, 0, j, l.length, r.length);
            tokenBytes[256 + i] = j;
            long key = BpeTrainer.pair(left[i], right[i]);
            if (ranks.get(key, -1) < 0) ranks.put(key, i);
        }
        for (byte[] t : tokenBytes) texts.add(ByteLevel.toText(t));
        this.vocab = Vocabulary.of(specials, texts, frequencies);
        this.offset = specials.present().size();
        this.dropOnDecode = TokenizerSupport.dropMask(vocab);
    }

    /** Learns merges from {@code texts} (see {@link BpeTrainer} for the algorithm). */
    public static BpeTokenizer train(Iterable<String> texts, Options options) {
        return BpeTrainer.train(texts, options);
    }

    /** Number of merges learned. */
    public int mergeCount() { return mergeLeft.length; }

    /** The merges in rank order, as pairs of token texts (GPT-2's {@code merges.txt} lines). */
    public List<String[]> merges() {
        List<String[]> out = new ArrayList<>(mergeLeft.length);
        for (int i = 0; i < mergeLeft.length; i++) {
            out.add(new String[] {vocab.token(mergeLeft[i] + offset), vocab.token(mergeRight[i] + offset)});
        }
        return out;
    }

    @Override
    public int[] encode(String text) {
        checkEncodable(text);
        IntList out = new IntList(Math.max(16, text.length() / 3));
        Gpt2PreTokenizer.split(text, piece -> out.addAll(encodePiece(piece)));
        return out.toArray();
    }

    /** @throws IllegalArgumentException if {@code text} holds a lone surrogate (no UTF-8 form) */
    static void checkEncodable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            throw new IllegalArgumentException(String.format(
                    "bpe: text has a lone surrogate U+%04X at index %d; it has no UTF-8 form", (int) c, i));
        }
    }

    private int[] encodePiece(String piece) {
        int[] cached = cache.get(piece);
        if (cached != null) return cached;
        int[] ids = mergeBytes(piece.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < ids.length; i++) ids[i] += offset;
        if (cache.size() >= CACHE_LIMIT) cache.clear();
        cache.put(piece, ids);
        return ids;
    }

    /** Applies the merges to one pre-token's bytes; returns internal ids. */
    private int[] mergeBytes(byte[] bytes) {
        int n = bytes.length;
        int[] sym = new int[n];
        for (int i = 0; i < n; i++) sym[i] = bytes[i] & 0xFF;
        if (n < 2 || ranks.size() == 0) return sym;
        int[] next = new int[n];
        int[] prev = new int[n];
        boolean[] dead = new boolean[n];
        LongHeap heap = new LongHeap();
        for (int i = 0; i < n; i++) {
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
            if (i + 1 < n) push(heap, sym[i], sym[i + 1], i);
        }
        IntList merged = new IntList();
        IntList batch = new IntList();
        while (!heap.isEmpty()) {
            long top = heap.pop();
            int rank = (int) (top >>> 32);
            batch.clear();
            batch.add((int) top);
            while (!heap.isEmpty() && (int) (heap.peek() >>> 32) == rank) batch.add((int) heap.pop());
            merged.clear();
            // All occurrences of the lowest-rank pair, left to right, before any new pair is considered.
            for (int k = 0; k < batch.size(); k++) {
                int p = batch.get(k);
                int q = next[p];
                if (dead[p] || q < 0 || rank(sym[p], sym[q]) != rank) continue;
                sym[p] = 256 + rank;
                next[p] = next[q];
                if (next[q] >= 0) prev[next[q]] = p;
                dead[q] = true;
                merged.add(p);
            }
            for (int k = 0; k < merged.size(); k++) {
                int p = merged.get(k);
                if (prev[p] >= 0) push(heap, sym[prev[p]], sym[p], prev[p]);
                if (next[p] >= 0) push(heap, sym[p], sym[next[p]], p);
            }
        }
        IntList out = new IntList(n);
        for (int i = 0; i >= 0; i = next[i]) out.add(sym[i]);
        return out.toArray();
    }

    private void push(LongHeap heap, int a, int b, int pos) {
        int r = rank(a, b);
        if (r >= 0) heap.push(((long) r << 32) | pos);
    }

    private int rank(int a, int b) { return (int) ranks.get(BpeTrainer.pair(a, b), -1); }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            String t = vocab.token(id);
            if (dropOnDecode[id]) continue;
            if (vocab.isSpecial(id)) out.writeBytes(t.getBytes(StandardCharsets.UTF_8));
            else out.writeBytes(tokenBytes[id - offset]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The UTF-8 bytes that token {@code id} stands for (a special token: its text's bytes). */
    public byte[] tokenBytes(int id) {
        String t = vocab.token(id);
        return vocab.isSpecial(id) ? t.getBytes(StandardCharsets.UTF_8) : tokenBytes[id - offset].clone();
    }

    @Override
    public Vocabulary vocabulary() { return vocab; }

    @Override
    public String type() { return TYPE; }

    @Override
    public String toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", TYPE).put("version", 1);
        ArrayNode ms = root.putArray("merges");
        for (String[] m : merges()) ms.addArray().add(m[0]).add(m[1]);
        root.set("vocabulary", vocab.toJsonNode());
        return root.toString();
    }

    /** Reads the state written by {@link #toJson()}. */
    public static BpeTokenizer fromJson(String json) {
        Tokenizer t = Tokenizer.fromJson(json);
        if (t instanceof BpeTokenizer b) return b;
        throw new IllegalArgumentException("bpe tokenizer: JSON holds a " + t.type() + " tokenizer");
    }

    static BpeTokenizer fromJsonNode(JsonNode root) {
        Tokenizer.checkHeader(root, TYPE);
        Vocabulary v = Vocabulary.fromJsonNode(root.get("vocabulary"));
        int off = v.specials().present().size();
        JsonNode ms = root.path("merges");
        int m = ms.size();
        if (v.size() != off + 256 + m) {
            throw new IllegalArgumentException("bpe tokenizer: JSON vocabulary has " + v.size() + " tokens, expected "
                    + off + " specials + 256 bytes + " + m + " merges");
        }
        int[] left = new int[m];
        int[] right = new int[m];
        for (int i = 0; i < m; i++) {
            left[i] = v.idOrMinusOne(ms.get(i).path(0).asText()) - off;
            right[i] = v.idOrMinusOne(ms.get(i).path(1).asText()) - off;
        }
        long[] freq = new long[256 + m];
        for (int i = 0; i < freq.length; i++) freq[i] = v.frequency(i + off);
        BpeTokenizer t = new BpeTokenizer(v.specials(), left, right, freq);
        if (!t.vocab.equals(v)) {
            throw new IllegalArgumentException("bpe tokenizer: JSON vocabulary does not match its merges");
        }
        return t;
    }
}
