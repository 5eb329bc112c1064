package io.seqlearn.metrics.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BLEU (Papineni et al. 2002) computed exactly as sacreBLEU 2.x does ({@code sacrebleu/metrics/bleu.py}),
 * so that numbers are comparable with published ones:
 * <ul>
 *   <li>each segment is (optionally lower-cased,) right-stripped and tokenized with {@link Tokenizer13a};</li>
 *   <li>n-grams n = 1..4 of the hypothesis are matched against the per-n-gram maximum count over the
 *       references (clipping); the reference length is the closest one (ties → the shorter);</li>
 *   <li>statistics are summed over the corpus, then {@code BLEU = BP · exp(Σ_n log p_n / N)} with
 *       {@code BP = 1} if {@code c ≥ r} else {@code exp(1 - r/c)} (0 when c = 0);</li>
 *   <li>smoothing 'exp' by default (both corpus and sentence level, as in sacreBLEU): the k-th order whose
 *       count is 0 gets precision {@code 100 / (2^k · total_n)}. With no match at all the score is 0.</li>
 * </ul>
 * References are given as streams, as in sacreBLEU: {@code refs.get(k).get(i)} is the k-th reference of
 * segment i. An empty or null reference is ignored for its segment (variable reference counts). Unlike
 * sacreBLEU, which silently truncates, streams of different lengths are an error.
 *
 * <pre>{@code
 * BleuScore s = Bleu.corpus(hypotheses, List.of(references));
 * System.out.println(s);   // BLEU = 35.21 67.1/41.2/27.9/19.4 (BP = 1.000 ratio = 1.012 ...)
 * }</pre>
 */
public final class Bleu {
    private Bleu() {}

    /** sacreBLEU's {@code smooth_method}. */
    public enum Smoothing {
        /** No smoothing: a zero precision makes the score 0. */
        NONE,
        /** Zero counts get {@code smoothValue} (default 0.1) matches (Chen and Cherry 2014, method 1). */
        FLOOR,
        /** Add {@code smoothValue} (default 1) to counts and totals for n ≥ 2 (method 2). */
        ADD_K,
        /** NIST geometric sequence, {@code 1 / 2^k} for the k-th zero count (method 3); the default. */
        EXP
    }

    /** sacreBLEU's {@code tokenize}. */
    public enum Tokenization {
        /** mteval-v13a, the default. */
        THIRTEEN_A,
        /** Whitespace only (pre-tokenized text). */
        NONE
    }

    /**
     * @param lowercase      lower-case before tokenizing (default false)
     * @param tokenization   default {@link Tokenization#THIRTEEN_A}
     * @param smoothing      default {@link Smoothing#EXP}
     * @param smoothValue    for FLOOR (default 0.1) and ADD_K (default 1); NaN means the default
     * @param maxOrder       N, default 4
     * @param effectiveOrder average only over the orders with a non-zero total (default false for corpus
     *                       BLEU, true for sentence BLEU, as sacreBLEU's {@code sentence_bleu})
     */
    public record Options(boolean lowercase, Tokenization tokenization, Smoothing smoothing, double smoothValue,
                          int maxOrder, boolean effectiveOrder) {
        public Options {
            if (tokenization == null || smoothing == null) throw new IllegalArgumentException("bleu: null option");
            if (maxOrder < 1) throw new IllegalArgumentException("bleu: maxOrder must be >= 1, got " + maxOrder);
        }

        /** sacreBLEU's {@code corpus_bleu} defaults. */
        public static Options corpusDefaults() {
            return new Options(false, Tokenization.THIRTEEN_A, Smoothing.EXP, Double.NaN, 4, false);
        }

        /** sacreBLEU's {@code sentence_bleu} defaults (effective order on). */
        public static Options sentenceDefaults() { return corpusDefaults().withEffectiveOrder(true); }

        public Options withLowercase(boolean b) { return new Options(b, tokenization, smoothing, smoothValue, maxOrder, effectiveOrder); }

        public Options withTokenization(Tokenization t) { return new Options(lowercase, t, smoothing, smoothValue, maxOrder, effectiveOrder); }

        public Options withSmoothing(Smoothing s, double value) { return new Options(lowercase, tokenization, s, value, maxOrder, effectiveOrder); }

        public Options withMaxOrder(int n) { return new Options(lowercase, tokenization, smoothing, smoothValue, n, effectiveOrder); }

        public Options withEffectiveOrder(boolean b) { return new Options(lowercase, tokenization, smoothing, smoothValue, maxOrder, b); }
    }

    /** Corpus BLEU with sacreBLEU's defaults. */
    public static BleuScore corpus(List<String> hypotheses, List<List<String>> referenceStreams) {
        return corpus(hypotheses, referenceStreams, Options.corpusDefaults());
    }

    /** Corpus BLEU. */
    public static BleuScore corpus(List<String> hypotheses, List<List<String>> referenceStreams, Options o) {
        if (referenceStreams.isEmpty()) throw new IllegalArgumentException("bleu: no reference streams");
        for (int k = 0; k < referenceStreams.size(); k++) {
            if (referenceStreams.get(k).size() != hypotheses.size()) {
                throw new IllegalArgumentException("bleu: " + hypotheses.size() + " hypotheses but reference stream " + k
                        + " has " + referenceStreams.get(k).size() + " segments");
            }
        }
        int n = o.maxOrder();
        long[] correct = new long[n];
        long[] total = new long[n];
        long sysLen = 0;
        long refLen = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> refs = new ArrayList<>();
            for (List<String> stream : referenceStreams) {
                String r = stream.get(i);
                if (r != null && !r.isEmpty()) refs.add(r);
            }
            if (refs.isEmpty()) throw new IllegalArgumentException("bleu: segment " + i + " has no non-empty reference");
            String hyp = hypotheses.get(i);
            if (hyp == null) throw new IllegalArgumentException("bleu: hypothesis " + i + " is null");
            long[] lens = segment(hyp, refs, o, correct, total);
            sysLen += lens[0];
            refLen += lens[1];
        }
        return fromStatistics(correct, total, sysLen, refLen, o);
    }

    /** Sentence BLEU with sacreBLEU's {@code sentence_bleu} defaults (exp smoothing, effective order). */
    public static BleuScore sentence(String hypothesis, List<String> references) {
        return sentence(hypothesis, references, Options.sentenceDefaults());
    }

    /** Sentence BLEU: corpus BLEU of a one-segment corpus. */
    public static BleuScore sentence(String hypothesis, List<String> references, Options o) {
        List<List<String>> streams = new ArrayList<>();
        for (String r : references) {
            List<String> s = new ArrayList<>(1);
            s.add(r);
            streams.add(s);
        }
        return corpus(List.of(hypothesis), streams, o);
    }

    /** Adds one segment's matches to {@code correct}/{@code total}; returns {hyp length, closest ref length}. */
    private static long[] segment(String hyp, List<String> refs, Options o, long[] correct, long[] total) {
        int n = o.maxOrder();
        Map<String, Integer> refMax = new HashMap<>();
        List<Integer> refLens = new ArrayList<>();
        for (String r : refs) {
            List<String> toks = PythonText.split(preprocess(r, o));
            refLens.add(toks.size());
            ngrams(toks, n).forEach((g, c) -> refMax.merge(g, c, Math::max));
        }
        List<String> hypToks = PythonText.split(preprocess(hyp, o));
        for (Map.Entry<String, Integer> e : ngrams(hypToks, n).entrySet()) {
            int order = order(e.getKey());
            total[order - 1] += e.getValue();
            Integer r = refMax.get(e.getKey());
            if (r != null) correct[order - 1] += Math.min(e.getValue(), r);
        }
        return new long[] {hypToks.size(), closest(hypToks.size(), refLens)};
    }

    private static String preprocess(String s, Options o) {
        String x = o.lowercase() ? s.toLowerCase(Locale.ROOT) : s;
        x = PythonText.rstrip(x);
        return o.tokenization() == Tokenization.THIRTEEN_A ? Tokenizer13a.tokenize(x) : x;
    }

    /** n-gram counts for n = 1..maxOrder; an n-gram is its tokens joined by single spaces (tokens have none). */
    private static Map<String, Integer> ngrams(List<String> toks, int maxOrder) {
        Map<String, Integer> out = new HashMap<>();
        for (int n = 1; n <= maxOrder; n++) {
            for (int i = 0; i + n <= toks.size(); i++) out.merge(String.join(" ", toks.subList(i, i + n)), 1, Integer::sum);
        }
        return out;
    }

    private static int order(String ngram) {
        int spaces = 0;
        for (int i = 0; i < ngram.length(); i++) if (ngram.charAt(i) == ' ') spaces++;
        return spaces + 1;
    }

    private static int closest(int hypLen, List<Integer> refLens) {
        int bestDiff = -1;
        int best = -1;
        for (int r : refLens) {
            int diff = Math.abs(hypLen - r);
            if (bestDiff == -1 || diff < bestDiff) {
                bestDiff = diff;
                best = r;
            } else if (diff == bestDiff && r < best) {
                best = r;
            }
        }
        return best;
    }

    /**
     * BLEU from summed statistics, sacreBLEU's {@code compute_bleu}: for combining statistics computed
     * elsewhere (e.g. accumulated over validation batches).
     */
    public static BleuScore fromStatistics(long[] correct, long[] total, long sysLen, long refLen, Options o) {
        int maxOrder = o.maxOrder();
        if (correct.length != maxOrder || total.length != maxOrder) {
            throw new IllegalArgumentException("bleu: statistics need " + maxOrder + " orders, got " + correct.length
                    + " and " + total.length);
        }
        double bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0) : 1.0;
        double[] precisions = new double[maxOrder];
        boolean anyMatch = false;
        for (long c : correct) anyMatch |= c != 0;
        if (!anyMatch) return new BleuScore(0.0, correct.clone(), total.clone(), precisions, bp, sysLen, refLen);
        double smoothValue = Double.isNaN(o.smoothValue()) ? (o.smoothing() == Smoothing.ADD_K ? 1.0 : 0.1) : o.smoothValue();
        double smoothMteval = 1.0;
        int effOrder = maxOrder;
        for (int n = 1; n <= maxOrder; n++) {
            double c = correct[n - 1];
            double t = total[n - 1];
            if (o.smoothing() == Smoothing.ADD_K && n > 1) {
                c += smoothValue;
                t += smoothValue;
            }
            if (t == 0) break;
            if (o.effectiveOrder()) effOrder = n;
            if (c == 0) {
                if (o.smoothing() == Smoothing.EXP) {
                    smoothMteval *= 2;
                    precisions[n - 1] = 100.0 / (smoothMteval * t);
                } else if (o.smoothing() == Smoothing.FLOOR) {
                    precisions[n - 1] = 100.0 * smoothValue / t;
                }
            } else {
                precisions[n - 1] = 100.0 * c / t;
            }
        }
        double sum = 0;
        for (int i = 0; i < effOrder; i++) sum += myLog(precisions[i]);
        double score = bp * Math.exp(sum / effOrder);
        return new BleuScore(score, correct.clone(), total.clone(), precisions, bp, sysLen, refLen);
    }

    /** sacreBLEU's {@code my_log}: log with log(0) floored to -9999999999. */
    private static double myLog(double x) { return x == 0.0 ? -9999999999.0 : Math.log(x); }
}
