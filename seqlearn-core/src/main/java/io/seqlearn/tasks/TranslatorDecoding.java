package io.seqlearn.tasks;

import io.seqlearn.decode.BeamSearch;
import io.seqlearn.decode.Greedy;
import io.seqlearn.decode.Hypothesis;
import io.seqlearn.decode.StepModel;
import io.seqlearn.tasks.nets.TranslationNet;

import java.util.ArrayList;
import java.util.List;

/**
 * Decoding for the translator: sentences sorted by length and translated greedily in batches, or one at a
 * time with beam search (GNMT length penalty). The longest output is 2·source + 10 tokens, capped by the
 * model's maximum length.
 */
final class TranslatorDecoding {
    private static final int BATCH = 64;

    private TranslatorDecoding() {}

    static List<String> translate(Translator t, List<String> sentences, int beam) {
        List<int[]> src = new ArrayList<>();
        for (String s : sentences) {
            int[] ids = TranslationData.clip(t.source().encode(s), t.config().maxLength());
            src.add(ids.length == 0 ? new int[]{t.source().vocabulary().eosId()} : ids);
        }
        String[] out = new String[sentences.size()];
        t.net().train(false);
        for (int[] idx : Batching.batches(Batching.lengthsOf(src), beam == 1 ? BATCH : 1, null)) {
            int[] lens = TranslatorFitting.lengthsOf(src, idx);
            int maxLen = 0;
            for (int l : lens) maxLen = Math.max(maxLen, l);
            TranslationNet.Decoding<?> d = t.net().decoding(Batching.padded(src, idx, 0), lens);
            int limit = Math.min(2 * maxLen + 10, t.config().maxLength() * 2);
            List<Hypothesis> hs = beam == 1 ? greedy(d, idx.length, t, limit) : List.of(beam(d, t, beam, limit));
            for (int b = 0; b < idx.length; b++) out[idx[b]] = sentences.get(idx[b]).isBlank() ? "" : t.target().decode(hs.get(b).tokens());
        }
        return List.of(out);
    }

    private static <S> List<Hypothesis> greedy(TranslationNet.Decoding<S> d, int n, Translator t, int limit) {
        int[] start = new int[n];
        java.util.Arrays.fill(start, t.target().vocabulary().bosId());
        return Greedy.decode(d.model(), d.state(), start, t.target().vocabulary().eosId(), limit);
    }

    private static <S> Hypothesis beam(TranslationNet.Decoding<S> d, Translator t, int width, int limit) {
        BeamSearch.Options o = BeamSearch.Options.of(width, limit, t.target().vocabulary().eosId())
                .withPenalty(BeamSearch.LengthPenalty.GNMT, t.config().alpha());
        StepModel<S> m = d.model();
        return BeamSearch.search(m, d.state(), t.target().vocabulary().bosId(), o).get(0);
    }
}
