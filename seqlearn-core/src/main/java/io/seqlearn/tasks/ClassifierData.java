package io.seqlearn.tasks;

import io.seqlearn.data.DataFormatException;
import io.seqlearn.data.Numbers;
import io.seqlearn.data.SpecialTokens;
import io.seqlearn.data.Vocabulary;
import io.seqlearn.data.text.Tokenizer;
import io.seqlearn.data.text.WordTokenizer;
import io.seqlearn.tensor.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The data side of the classifier recipe: the label set (sorted numerically when every label is a number,
 * else alphabetically), the word tokenizer (lower case, Keras' punctuation filters kept as tokens,
 * {@code <pad>} = 0, {@code <unk>} = 1), the encoded texts and the train/validation split.
 */
record ClassifierData(Tokenizer tokenizer, List<String> labels, List<int[]> trainIds, int[] trainLabels,
                      List<int[]> validIds, int[] validLabels, Map<String, Object> summary) {

    static ClassifierData prepare(LabeledTexts train, LabeledTexts valid, TextClassifier.Config c, long seed) {
        if (valid == null) {
            LabeledTexts[] parts = split(train, c.validFraction(), seed);
            train = parts[0];
            valid = parts[1];
        }
        List<String> labels = labelSet(train);
        if (labels.size() < 2) {
            throw new DataFormatException(train.file(), 0, "has only one label ('" + labels.get(0) + "'); a classifier needs at least two");
        }
        Vocabulary.Options vo = Vocabulary.Options.defaults().withSpecials(SpecialTokens.none().withPad("<pad>").withUnk("<unk>"))
                .withMaxSize(c.maxVocab() > 0 ? c.maxVocab() : Integer.MAX_VALUE);
        Tokenizer tok = WordTokenizer.fit(train.texts(), new WordTokenizer.Options(true, WordTokenizer.KERAS_FILTERS,
                WordTokenizer.Filtered.SEPARATE, vo));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("train_file", fileName(train));
        summary.put("valid_file", fileName(valid));
        summary.put("train_examples", train.size());
        summary.put("valid_examples", valid.size());
        summary.put("labels", labels);
        summary.put("vocabulary", tok.vocabSize());
        return new ClassifierData(tok, labels, encode(tok, train.texts(), c.maxLength()), labelIds(train, labels),
                encode(tok, valid.texts(), c.maxLength()), labelIds(valid, labels), summary);
    }

    private static String fileName(LabeledTexts t) { return t.file() == null ? null : t.file().toString(); }

    /** Distinct labels: numeric order when all are numbers, else alphabetical. */
    static List<String> labelSet(LabeledTexts t) {
        boolean numeric = t.labels().stream().allMatch(Numbers::isNumber);
        Comparator<String> order = numeric ? Comparator.comparingDouble(Numbers::parse) : Comparator.naturalOrder();
        return new ArrayList<>(new TreeSet<>(order) {{ addAll(t.labels()); }});
    }

    /** Class ids of the labels of {@code t}; an unknown label is an error naming its file and line. */
    static int[] labelIds(LabeledTexts t, List<String> labels) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) index.put(labels.get(i), i);
        int[] out = new int[t.size()];
        for (int i = 0; i < out.length; i++) {
            Integer k = index.get(t.labels().get(i));
            if (k == null) throw TextClassifier.unknownLabel(t, i, labels);
            out[i] = k;
        }
        return out;
    }

    /** Token ids per text, cut to {@code maxLength}. */
    static List<int[]> encode(Tokenizer tok, List<String> texts, int maxLength) {
        List<int[]> out = new ArrayList<>(texts.size());
        for (String s : texts) {
            int[] ids = tok.encode(s);
            out.add(ids.length > maxLength ? Arrays.copyOf(ids, maxLength) : ids);
        }
        return out;
    }

    /** A seeded shuffle of {@code t} cut into (train, valid) with {@code fraction} of the rows in valid. */
    private static LabeledTexts[] split(LabeledTexts t, double fraction, long seed) {
        int n = t.size();
        int nValid = (int) Math.round(n * fraction);
        if (nValid < 1 || nValid >= n) {
            throw new DataFormatException(t.file(), 0, "has " + n + " examples, too few to hold out " + fraction
                    + " for validation; give a --valid file");
        }
        int[] perm = java.util.stream.IntStream.range(0, n).toArray();
        new Rng(seed ^ 0x9E3779B97F4A7C15L).shuffle(perm);
        return new LabeledTexts[]{pick(t, Arrays.copyOfRange(perm, nValid, n)), pick(t, Arrays.copyOf(perm, nValid))};
    }

    private static LabeledTexts pick(LabeledTexts t, int[] rows) {
        List<String> texts = new ArrayList<>(), labels = new ArrayList<>();
        int[] lines = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            texts.add(t.texts().get(rows[i]));
            labels.add(t.labels().get(rows[i]));
            lines[i] = t.lines()[rows[i]];
        }
        return new LabeledTexts(t.file(), texts, labels, lines);
    }
}
