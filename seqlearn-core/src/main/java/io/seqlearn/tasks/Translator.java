package io.seqlearn.tasks;

import io.seqlearn.data.SentencePair;
import io.seqlearn.data.text.BpeTokenizer;
import io.seqlearn.data.text.Tokenizer;
import io.seqlearn.io.ModelFile;
import io.seqlearn.io.ModelFileContents;
import io.seqlearn.metrics.text.Bleu;
import io.seqlearn.metrics.text.BleuScore;
import io.seqlearn.tasks.nets.RnnTranslationNet;
import io.seqlearn.tasks.nets.TransformerTranslationNet;
import io.seqlearn.tasks.nets.TranslationNet;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translation (or summarisation: any text-to-text pairs) recipe: byte-level BPE per language, a GRU/LSTM
 * encoder–decoder with Bahdanau or Luong attention ({@link RnnTranslationNet}) or a Transformer
 * ({@link TransformerTranslationNet}), beam search with the GNMT length penalty, and sacreBLEU-compatible
 * BLEU ({@link Bleu}) on detokenised output.
 *
 * <p>Defaults (RNN): BPE 8000 per side, embedding 256, bidirectional encoder 256 per direction, decoder 512,
 * Bahdanau attention, dropout 0.3, Adam 1e-3, batch 64, up to 20 epochs, early stop after 3 epochs without a
 * gain in validation BLEU (greedy), beam 5 with α = 0.6. Transformer: width 256, 4 heads, 3 + 3 layers,
 * feed-forward 1024, dropout 0.1, label smoothing 0.1, Adam 5e-4.
 */
public final class Translator {
    /**
     * The recipe's options.
     *
     * @param arch           "gru", "lstm" or "transformer"
     * @param attention      "bahdanau", "luong-dot", "luong-general" or "luong-concat" (RNN only)
     * @param hidden         encoder width per direction (Transformer: model width)
     * @param layers         encoder layers (Transformer: encoder and decoder layers each)
     * @param feedForward    Transformer feed-forward width
     * @param vocabulary     BPE vocabulary per language, specials included
     * @param maxLength      longest sentence in tokens (longer training pairs are skipped)
     * @param labelSmoothing ε of the training loss
     * @param beam           beam width for translation (1 = greedy)
     * @param alpha          GNMT length-penalty exponent
     */
    public record Config(String arch, String attention, int embedding, int hidden, int layers, int heads, int feedForward,
                         double dropout, int vocabulary, int maxLength, double labelSmoothing, int beam, double alpha) {
        public Config {
            arch = arch.toLowerCase(Locale.ROOT);
            attention = attention.toLowerCase(Locale.ROOT);
            if (!List.of("gru", "lstm", "transformer").contains(arch)) {
                throw new IllegalArgumentException("unknown architecture '" + arch + "'; expected gru, lstm or transformer");
            }
            if (!List.of("bahdanau", "luong-dot", "luong-general", "luong-concat").contains(attention)) {
                throw new IllegalArgumentException("unknown attention '" + attention + "'; expected bahdanau, luong-dot, luong-general or luong-concat");
            }
            if (embedding < 1 || hidden < 1 || layers < 1 || heads < 1 || maxLength < 2 || beam < 1) {
                throw new IllegalArgumentException("translate: sizes, max length and beam must be positive");
            }
            if (vocabulary < 260 + 4) throw new IllegalArgumentException("translate: a byte-level BPE vocabulary needs at least 264 entries, got " + vocabulary);
            if (arch.equals("transformer") && hidden % heads != 0) {
                throw new IllegalArgumentException("translate: width " + hidden + " must be divisible by heads " + heads);
            }
        }

        public static Config defaults(String arch) {
            if (arch.equalsIgnoreCase("transformer")) {
                return new Config(arch, "bahdanau", 256, 256, 3, 4, 1024, 0.1, 8000, 100, 0.1, 5, 0.6);
            }
            return new Config(arch, "bahdanau", 256, 256, 1, 4, 1024, 0.3, 8000, 100, 0.0, 5, 0.6);
        }

        public Config withAttention(String v) { return new Config(arch, v, embedding, hidden, layers, heads, feedForward, dropout, vocabulary, maxLength, labelSmoothing, beam, alpha); }
        public Config withSizes(int emb, int hid, int lay) { return new Config(arch, attention, emb, hid, lay, heads, feedForward, dropout, vocabulary, maxLength, labelSmoothing, beam, alpha); }
        public Config withHeads(int v) { return new Config(arch, attention, embedding, hidden, layers, v, feedForward, dropout, vocabulary, maxLength, labelSmoothing, beam, alpha); }
        public Config withFeedForward(int v) { return new Config(arch, attention, embedding, hidden, layers, heads, v, dropout, vocabulary, maxLength, labelSmoothing, beam, alpha); }
        public Config withDropout(double v) { return new Config(arch, attention, embedding, hidden, layers, heads, feedForward, v, vocabulary, maxLength, labelSmoothing, beam, alpha); }
        public Config withVocabulary(int v) { return new Config(arch, attention, embedding, hidden, layers, heads, feedForward, dropout, v, maxLength, labelSmoothing, beam, alpha); }
        public Config withMaxLength(int v) { return new Config(arch, attention, embedding, hidden, layers, heads, feedForward, dropout, vocabulary, v, labelSmoothing, beam, alpha); }
        public Config withLabelSmoothing(double v) { return new Config(arch, attention, embedding, hidden, layers, heads, feedForward, dropout, vocabulary, maxLength, v, beam, alpha); }
        public Config withBeam(int v) { return new Config(arch, attention, embedding, hidden, layers, heads, feedForward, dropout, vocabulary, maxLength, labelSmoothing, v, alpha); }
    }

    public static TrainSettings defaultTraining(Config c) {
        if (c.arch().equals("transformer")) {
            return TrainSettings.adam(5e-4).withBatchSize(64).withEpochs(30).withPatience(4).withPlateauFactor(0.5).withClipNorm(1.0);
        }
        return TrainSettings.adam(1e-3).withBatchSize(64).withEpochs(20).withPatience(3).withPlateauFactor(0.5).withClipNorm(1.0);
    }

    private final Config config;
    private final Tokenizer source, target;
    private final TranslationNet net;
    private Map<String, Object> training = Map.of();
    private TrainResult result;

    private Translator(Config config, Tokenizer source, Tokenizer target, TranslationNet net) {
        this.config = config;
        this.source = source;
        this.target = target;
        this.net = net;
    }

    /** Trains on aligned pairs; {@code files} describes the data for config.json and the model file. */
    public static Translator train(List<SentencePair> train, List<SentencePair> valid, Config c, TrainSettings s, RunOptions run,
                                   Map<String, Object> files) {
        TranslationData data = TranslationData.prepare(train, valid, c, files);
        Translator t = new Translator(c, data.source(), data.target(), newNet(c, data.source().vocabSize(), data.target().vocabSize(), new Rng(s.seed())));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("task", TaskKind.TRANSLATE.id());
        config.put("recipe", c);
        config.put("data", data.summary());
        t.training = RecipeRun.summary(s, null, data.summary());
        t.result = RecipeRun.train(new TranslatorFitting(t, data, s.batchSize(), c.labelSmoothing()), s, run, config, t::save);
        t.training = RecipeRun.summary(s, t.result, data.summary());
        if (run.dir() != null) RecipeRun.saveFinal(t::save, run.dir());
        return t;
    }

    private static TranslationNet newNet(Config c, int srcVocab, int tgtVocab, Rng rng) {
        if (c.arch().equals("transformer")) {
            return new TransformerTranslationNet(new TransformerTranslationNet.Config(srcVocab, tgtVocab, c.hidden(), c.heads(),
                    c.layers(), c.layers(), c.feedForward(), c.dropout(), 2 * c.maxLength() + 16), rng);
        }
        return new RnnTranslationNet(new RnnTranslationNet.Config(c.arch(), c.attention(), srcVocab, tgtVocab, c.embedding(),
                c.hidden(), c.layers(), c.hidden(), c.dropout()), rng);
    }

    /** Translations of {@code sentences}: greedy in batches when {@code beam} is 1, else beam search per sentence. */
    public List<String> translate(List<String> sentences, int beam) {
        return TranslatorDecoding.translate(this, sentences, beam);
    }

    /** Corpus BLEU (sacreBLEU defaults: 13a tokenisation, case-sensitive) of the translations of {@code sources}. */
    public BleuScore bleu(List<String> sources, List<String> references, int beam) {
        return Bleu.corpus(translate(sources, beam), List.of(references));
    }

    /**
     * Attention weights (target tokens × source tokens) of an RNN translator while producing {@code translation}
     * for {@code sentence}, with the tokens as text; null for a Transformer.
     */
    public AttentionMap attention(String sentence, String translation) {
        int[] src = TranslationData.clip(source.encode(sentence), config.maxLength());
        int[] tgt = TranslationData.clip(target.encode(translation), config.maxLength() - 1);
        if (src.length == 0) throw new IllegalArgumentException("translate: empty sentence");
        int[] in = new int[tgt.length + 1];
        in[0] = target.vocabulary().bosId();
        System.arraycopy(tgt, 0, in, 1, tgt.length);
        net.train(false);
        Tensor w = net.attention(Tensors.indices(DType.F32, src, 1, src.length), new int[]{src.length},
                Tensors.indices(DType.F32, in, 1, in.length));
        if (w == null) return null;
        double[][] m = new double[tgt.length + 1][src.length];
        for (int i = 0; i <= tgt.length; i++) for (int j = 0; j < src.length; j++) m[i][j] = w.get(0, i, j);
        List<String> tgtTokens = new ArrayList<>(pieces(target, tgt));
        tgtTokens.add("</s>");
        return new AttentionMap(pieces(source, src), tgtTokens, m);
    }

    /** Source and target token texts with the weights of each target token (row) over the source (columns). */
    public record AttentionMap(List<String> sourceTokens, List<String> targetTokens, double[][] weights) {}

    private static List<String> pieces(Tokenizer t, int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) out.add(t instanceof BpeTokenizer b ? new String(b.tokenBytes(id), java.nio.charset.StandardCharsets.UTF_8).strip()
                : t.vocabulary().token(id));
        return out;
    }

    /** Writes the model file (weights, architecture, both tokenizers, training summary). */
    public void save(Path file) throws IOException {
        Map<String, String> blobs = new LinkedHashMap<>();
        Object arch = net instanceof RnnTranslationNet r ? r.config() : ((TransformerTranslationNet) net).config();
        blobs.put(ModelFile.ARCHITECTURE, Json.write(arch));
        blobs.put(ModelFile.TASK, TaskFile.taskBlob(TaskKind.TRANSLATE, Map.of("recipe", config)));
        blobs.put(ModelFile.TOKENIZER, "{\"source\":" + source.toJson() + ",\"target\":" + target.toJson() + "}");
        blobs.put(ModelFile.TRAINING, Json.write(training));
        TaskFile.write(file, net, blobs);
    }

    /** Reads a model file written by {@link #save}. */
    public static Translator load(Path file) throws IOException {
        ModelFileContents c = TaskFile.read(file, TaskKind.TRANSLATE);
        Config config = TaskFile.recipe(file, c, Config.class);
        var tok = Json.tree(TaskFile.blob(file, c, ModelFile.TOKENIZER), file + ": tokenizer");
        Tokenizer src = Tokenizer.fromJson(tok.get("source").toString()), tgt = Tokenizer.fromJson(tok.get("target").toString());
        TranslationNet net = config.arch().equals("transformer")
                ? new TransformerTranslationNet(TaskFile.architecture(file, c, TransformerTranslationNet.Config.class), new Rng(0))
                : new RnnTranslationNet(TaskFile.architecture(file, c, RnnTranslationNet.Config.class), new Rng(0));
        TaskFile.loadWeights(file, c, net);
        Translator t = new Translator(config, src, tgt, net);
        t.training = TaskFile.training(c);
        return t;
    }

    public Config config() { return config; }

    public Tokenizer source() { return source; }

    public Tokenizer target() { return target; }

    public TranslationNet net() { return net; }

    public TrainResult result() { return result; }

    public Map<String, Object> training() { return training; }
}
