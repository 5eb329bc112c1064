package io.seqlearn.tasks;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.data.DataFormatException;
import io.seqlearn.data.SpecialTokens;
import io.seqlearn.data.TokenOrder;
import io.seqlearn.data.Vocabulary;
import io.seqlearn.data.text.CharTokenizer;
import io.seqlearn.data.text.Tokenizer;
import io.seqlearn.data.text.WordTokenizer;
import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.loss.Reduction;
import io.seqlearn.tasks.nets.LanguageModelNet;
import io.seqlearn.tasks.nets.Recurrent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text side of the language-model recipe: tokenizer fitting, the train/validation split, encoding
 * (word level: every non-blank line's words followed by {@code <eos>}, as PTB is read by Zaremba et al.),
 * decoding and the evaluation loop.
 */
record LanguageModelData(Tokenizer tokenizer, TokenStreams train, int[] validIds, Map<String, Object> summary) {
    static final SpecialTokens CHAR_SPECIALS = SpecialTokens.none().withUnk("<unk>");
    static final SpecialTokens WORD_SPECIALS = SpecialTokens.none().withUnk("<unk>").withEos("<eos>");

    static LanguageModelData prepare(LanguageModel.Corpus corpus, LanguageModel.Config c, int batch) {
        String train = corpus.train();
        String valid = corpus.valid();
        if (valid == null) {
            int cut = cutPoint(train, c.level(), c.validFraction());
            valid = train.substring(cut);
            train = train.substring(0, cut);
        }
        Tokenizer tok = fit(c, train);
        int[] trainIds = encode(tok, c.level(), train);
        int[] validIds = encode(tok, c.level(), valid);
        if (trainIds.length < 3) {
            throw new DataFormatException(corpus.trainFile(), 0, "has only " + trainIds.length + " tokens; a language model needs more text");
        }
        if (validIds.length < 2) {
            throw new DataFormatException(corpus.validFile() != null ? corpus.validFile() : corpus.trainFile(), 0,
                    "leaves only " + validIds.length + " validation tokens; give a longer text or a --valid file");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("train_file", corpus.trainFile() == null ? null : corpus.trainFile().toString());
        summary.put("valid_file", corpus.validFile() == null ? null : corpus.validFile().toString());
        summary.put("train_tokens", trainIds.length);
        summary.put("valid_tokens", validIds.length);
        summary.put("vocabulary", tok.vocabSize());
        return new LanguageModelData(tok, new TokenStreams(trainIds, batch), validIds, summary);
    }

    /** Where the validation part starts: a character boundary, or a line start at word level. */
    private static int cutPoint(String text, LanguageModel.Level level, double fraction) {
        int cut = (int) Math.floor(text.length() * (1 - fraction));
        if (level == LanguageModel.Level.WORD) {
            int nl = text.indexOf('\n', cut);
            int back = text.lastIndexOf('\n', cut);
            cut = back > 0 ? back + 1 : (nl >= 0 ? nl + 1 : cut);
        } else if (cut > 0 && cut < text.length() && Character.isLowSurrogate(text.charAt(cut))) {
            cut--;
        }
        return cut;
    }

    private static Tokenizer fit(LanguageModel.Config c, String train) {
        int max = c.maxVocab() > 0 ? c.maxVocab() : Integer.MAX_VALUE;
        if (c.level() == LanguageModel.Level.CHAR) {
            return CharTokenizer.fit(train, Vocabulary.Options.defaults().withSpecials(CHAR_SPECIALS)
                    .withOrder(TokenOrder.CODE_POINT).withMaxSize(max));
        }
        WordTokenizer.Options o = new WordTokenizer.Options(false, "", WordTokenizer.Filtered.REMOVE,
                Vocabulary.Options.defaults().withSpecials(WORD_SPECIALS).withMaxSize(max));
        return WordTokenizer.fit(train.lines().toList(), o);
    }

    /** Token ids of a text: characters, or each non-blank line's words plus {@code <eos>}. */
    static int[] encode(Tokenizer tok, LanguageModel.Level level, String text) {
        if (level == LanguageModel.Level.CHAR) return tok.encode(text);
        int eos = tok.vocabulary().eosId();
        List<int[]> parts = new ArrayList<>();
        int n = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (line.isBlank()) continue;
            int[] ids = tok.encode(line);
            parts.add(ids);
            n += ids.length + 1;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
            out[at++] = eos;
        }
        return out;
    }

    /** A prompt's ids; never empty (an empty prompt starts from a newline / {@code <eos>}). */
    static int[] encodePrompt(Tokenizer tok, LanguageModel.Level level, String prompt) {
        int[] ids = tok.encode(prompt);
        if (ids.length > 0) return ids;
        if (level == LanguageModel.Level.WORD) return new int[]{tok.vocabulary().eosId()};
        int nl = tok.vocabulary().idOrMinusOne("\n");
        return new int[]{nl >= 0 ? nl : tok.vocabulary().size() - 1};
    }

    /** Generated text: characters as they are; words joined by spaces with {@code <eos>} as a line break. */
    static String decode(Tokenizer tok, LanguageModel.Level level, int[] ids, boolean afterPrompt) {
        if (level == LanguageModel.Level.CHAR) return tok.decode(ids);
        StringBuilder sb = new StringBuilder();
        int eos = tok.vocabulary().eosId();
        boolean lineStart = !afterPrompt;
        for (int id : ids) {
            if (id == eos) {
                sb.append('\n');
                lineStart = true;
                continue;
            }
            if (!lineStart) sb.append(' ');
            sb.append(tok.vocabulary().token(id));
            lineStart = false;
        }
        return sb.toString();
    }

    /** Mean loss over {@code ids} in windows of the training length over {@code streams} streams, state carried. */
    static LanguageModelEval evaluate(LanguageModelNet net, LanguageModel.Config c, int[] ids, int streams) {
        if (ids.length < 2) throw new IllegalArgumentException("evaluate: the text has fewer than 2 tokens");
        TokenStreams s = new TokenStreams(ids, streams);
        CrossEntropyLoss ce = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true)
                .withReduction(Reduction.SUM));
        boolean was = net.isTraining();
        net.train(false);
        double sum = 0;
        long tokens = 0;
        try (var g = GradMode.disabled()) {
            Recurrent.State state = null;
            for (int w = 0; w < s.windows(c.context()); w++) {
                LanguageModelNet.Result r = net.forward(s.inputs(w, c.context()), state);
                state = r.state();
                sum += ce.apply(r.logits(), s.targets(w, c.context())).item();
                tokens += s.tokens(w, c.context());
            }
        } finally {
            net.train(was);
        }
        return LanguageModelEval.of(sum, tokens);
    }
}
