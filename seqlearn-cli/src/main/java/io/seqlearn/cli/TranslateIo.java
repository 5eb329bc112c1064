package io.seqlearn.cli;

import io.seqlearn.data.DataFormatException;
import io.seqlearn.data.ParallelText;
import io.seqlearn.data.SentencePair;
import io.seqlearn.metrics.text.BleuScore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading parallel files and showing BLEU for the translate commands. */
final class TranslateIo {
    private TranslateIo() {}

    /** Aligned pairs; an empty file or different line counts are errors naming the files. */
    static List<SentencePair> pairs(Path src, Path tgt) throws IOException {
        List<SentencePair> p = ParallelText.read(src, tgt);
        if (p.stream().allMatch(x -> x.source().isBlank())) throw new DataFormatException(src, 0, "the file is empty");
        if (p.stream().allMatch(x -> x.target().isBlank())) throw new DataFormatException(tgt, 0, "the file is empty");
        return p;
    }

    static List<String> sources(List<SentencePair> p) { return p.stream().map(SentencePair::source).toList(); }

    static List<String> targets(List<SentencePair> p) { return p.stream().map(SentencePair::target).toList(); }

    static Map<String, Object> bleuMap(BleuScore b, int beam) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bleu", b.score());
        m.put("precisions", b.precisions());
        m.put("brevity_penalty", b.bp());
        m.put("ratio", b.ratio());
        m.put("hyp_len", b.sysLen());
        m.put("ref_len", b.refLen());
        m.put("beam", beam);
        m.put("signature", "sacreBLEU-compatible: nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp");
        return m;
    }

    static String bleuLine(BleuScore b, int beam) {
        return String.format(Locale.ROOT, "BLEU %.2f (%s; beam %d; 13a, mixed case)", b.score(), b, beam);
    }
}
