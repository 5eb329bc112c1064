package io.seqlearn.data.text;

import io.seqlearn.data.SpecialTokens;
import io.seqlearn.data.Vocabulary;

/** Small helpers shared by the tokenizers. */
final class TokenizerSupport {
    private TokenizerSupport() {}

    /** {@code mask[id]} is true for the pad, bos and eos ids, which {@code decode} drops. */
    static boolean[] dropMask(Vocabulary vocab) {
        boolean[] mask = new boolean[vocab.size()];
        SpecialTokens sp = vocab.specials();
        if (sp.pad() != null) mask[vocab.padId()] = true;
        if (sp.bos() != null) mask[vocab.bosId()] = true;
        if (sp.eos() != null) mask[vocab.eosId()] = true;
        return mask;
    }

    /**
     * Unicode whitespace as Python's {@code str.isspace()} sees it: Java's {@link Character#isWhitespace}
     * plus the no-break spaces (U+00A0, U+2007, U+202F) and U+0085 (NEL).
     */
    static boolean isWhitespace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }
}
