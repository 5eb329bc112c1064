package io.seqlearn.tasks;

import io.seqlearn.data.SentencePair;
import io.seqlearn.data.text.BpeTokenizer;
import io.seqlearn.data.text.Tokenizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parallel text for the translator: aligned source/target sentences read strictly as UTF-8, one byte-level
 * BPE tokenizer per language trained on the training side (so any text encodes and decoding restores the
 * exact characters that sacreBLEU scores), and the encoded pairs. Training pairs with an empty side or
 * longer than {@code maxLength} tokens are left out.
 */
record TranslationData(Tokenizer source, Tokenizer target, List<int[]> trainSrc, List<int[]> trainTgt,
                       List<int[]> validSrc, List<int[]> validTgt, List<String> validSrcText, List<String> validRefs,
                       Map<String, Object> summary) {

    static TranslationData prepare(List<SentencePair> train, List<SentencePair> valid, Translator.Config c, Map<String, Object> files) {
        List<String> srcLines = new ArrayList<>(), tgtLines = new ArrayList<>();
        for (SentencePair p : train) {
            srcLines.add(p.source());
            tgtLines.add(p.target());
        }
        Tokenizer st = BpeTokenizer.train(srcLines, BpeTokenizer.Options.defaults(c.vocabulary()));
        Tokenizer tt = BpeTokenizer.train(tgtLines, BpeTokenizer.Options.defaults(c.vocabulary()));
        List<int[]> ts = new ArrayList<>(), tg = new ArrayList<>(), vs = new ArrayList<>(), vt = new ArrayList<>();
        int dropped = 0;
        for (SentencePair p : train) {
            int[] a = st.encode(p.source()), b = tt.encode(p.target());
            if (a.length == 0 || b.length == 0 || a.length > c.maxLength() || b.length + 1 > c.maxLength()) {
                dropped++;
                continue;
            }
            ts.add(a);
            tg.add(b);
        }
        if (ts.isEmpty()) throw new IllegalArgumentException("translate: no training pair has both sides non-empty and within --max-length");
        List<String> vText = new ArrayList<>(), vRefs = new ArrayList<>();
        for (SentencePair p : valid) {
            if (p.source().isBlank()) continue;
            vs.add(clip(st.encode(p.source()), c.maxLength()));
            vt.add(clip(tt.encode(p.target()), c.maxLength() - 1));
            vText.add(p.source());
            vRefs.add(p.target());
        }
        Map<String, Object> summary = new LinkedHashMap<>(files);
        summary.put("train_pairs", ts.size());
        summary.put("train_pairs_dropped", dropped);
        summary.put("valid_pairs", vs.size());
        summary.put("source_vocabulary", st.vocabSize());
        summary.put("target_vocabulary", tt.vocabSize());
        return new TranslationData(st, tt, ts, tg, vs, vt, vText, vRefs, summary);
    }

    static int[] clip(int[] ids, int max) { return ids.length > max ? java.util.Arrays.copyOf(ids, max) : ids; }
}
