package io.seqlearn.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The reserved tokens of a {@link Vocabulary}; a null string means "not present". The present ones take the
 * first ids in the fixed order pad, unk, bos, eos — with all four present: pad=0, unk=1, bos=2, eos=3 (pad at
 * 0 so that zero-filled batches are padding, as in Keras {@code mask_zero} and PyTorch {@code padding_idx=0}).
 *
 * @param pad padding, default {@code "<pad>"}
 * @param unk stands for any token not in the vocabulary, default {@code "<unk>"} (PTB spells it the same)
 * @param bos beginning of sequence, default {@code "<bos>"}
 * @param eos end of sequence, default {@code "<eos>"} (PTB's sentence end)
 */
public record SpecialTokens(String pad, String unk, String bos, String eos) {
    public SpecialTokens {
        Set<String> seen = new HashSet<>();
        for (String s : new String[] {pad, unk, bos, eos}) {
            if (s == null) continue;
            if (s.isEmpty()) throw new IllegalArgumentException("special tokens: a special token cannot be empty");
            if (!seen.add(s)) throw new IllegalArgumentException("special tokens: '" + s + "' is used twice");
        }
    }

    /** All four: {@code <pad> <unk> <bos> <eos>}. */
    public static SpecialTokens defaults() { return new SpecialTokens("<pad>", "<unk>", "<bos>", "<eos>"); }

    /** No special tokens at all (e.g. a nanoGPT-style character vocabulary). */
    public static SpecialTokens none() { return new SpecialTokens(null, null, null, null); }

    public SpecialTokens withPad(String s) { return new SpecialTokens(s, unk, bos, eos); }

    public SpecialTokens withUnk(String s) { return new SpecialTokens(pad, s, bos, eos); }

    public SpecialTokens withBos(String s) { return new SpecialTokens(pad, unk, s, eos); }

    public SpecialTokens withEos(String s) { return new SpecialTokens(pad, unk, bos, s); }

    /** The present special tokens in id order (pad, unk, bos, eos). */
    public List<String> present() {
        List<String> out = new ArrayList<>(4);
        for (String s : new String[] {pad, unk, bos, eos}) if (s != null) out.add(s);
        return out;
    }

    /** Whether {@code token} is one of the present special tokens. */
    public boolean isSpecial(String token) {
        return token != null && (token.equals(pad) || token.equals(unk) || token.equals(bos) || token.equals(eos));
    }
}
