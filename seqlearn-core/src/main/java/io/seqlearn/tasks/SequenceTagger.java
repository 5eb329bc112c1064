package io.seqlearn.tasks;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.data.DataFormatException;
import io.seqlearn.data.SpecialTokens;
import io.seqlearn.data.TokenCounter;
import io.seqlearn.data.Vocabulary;
import io.seqlearn.io.ModelFile;
import io.seqlearn.io.ModelFileContents;
import io.seqlearn.tasks.nets.TaggerNet;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Sequence-tagging recipe (part of speech, named entities, chunks): a bidirectional LSTM classifies every
 * token of a sentence ({@link TaggerNet}). Words keep their case (capitals are a strong cue for entities);
 * words not seen in training read as {@code <unk>}. Reports token accuracy and per-tag scores.
 *
 * <p>Defaults: embedding 100, BiLSTM 100 per direction, dropout 0.3, Adam 1e-3, batch 32, up to 20 epochs,
 * early stop after 3 without validation-accuracy gain.
 */
public final class SequenceTagger {
    /** The recipe's options. */
    public record Config(String arch, int embedding, int hidden, int layers, boolean bidirectional, double dropout, int maxVocab,
                         double validFraction) {
        public Config {
            arch = arch.toLowerCase(Locale.ROOT);
            if (!List.of("lstm", "gru", "rnn").contains(arch)) {
                throw new IllegalArgumentException("unknown architecture '" + arch + "'; a tagger uses lstm, gru or rnn");
            }
            if (embedding < 1 || hidden < 1 || layers < 1) throw new IllegalArgumentException("tagger: sizes must be >= 1");
        }

        public static Config defaults(String arch) { return new Config(arch, 100, 100, 1, true, 0.3, 0, 0.1); }

        public Config withSizes(int emb, int hid, int lay) { return new Config(arch, emb, hid, lay, bidirectional, dropout, maxVocab, validFraction); }
        public Config withBidirectional(boolean v) { return new Config(arch, embedding, hidden, layers, v, dropout, maxVocab, validFraction); }
        public Config withDropout(double v) { return new Config(arch, embedding, hidden, layers, bidirectional, v, maxVocab, validFraction); }
    }

    public static TrainSettings defaultTraining() {
        return TrainSettings.adam(1e-3).withBatchSize(32).withEpochs(20).withPatience(3).withPlateauFactor(0.5);
    }

    private final Config config;
    private final Vocabulary words;
    private final List<String> tags;
    private final TaggerNet net;
    private Map<String, Object> training = Map.of();
    private TrainResult result;

    private SequenceTagger(Config config, Vocabulary words, List<String> tags, TaggerNet net) {
        this.config = config;
        this.words = words;
        this.tags = List.copyOf(tags);
        this.net = net;
    }

    /** Trains on {@code train}, validating on {@code valid} (or the last {@code validFraction} of the sentences). */
    public static SequenceTagger train(TaggedSentences train, TaggedSentences valid, Config c, TrainSettings s, RunOptions run) {
        if (valid == null) {
            int n = train.size(), cut = n - (int) Math.round(n * c.validFraction());
            if (cut < 1 || cut >= n) throw new DataFormatException(train.file(), 0, "has " + n + " sentences, too few to hold out a validation part; give --valid");
            valid = slice(train, cut, n);
            train = slice(train, 0, cut);
        }
        TokenCounter counter = new TokenCounter();
        train.tokens().forEach(counter::addAll);
        Vocabulary words = Vocabulary.build(counter.counts(), Vocabulary.Options.defaults()
                .withSpecials(SpecialTokens.none().withPad("<pad>").withUnk("<unk>"))
                .withMaxSize(c.maxVocab() > 0 ? c.maxVocab() : Integer.MAX_VALUE));
        TreeSet<String> tagSet = new TreeSet<>();
        train.tags().forEach(tagSet::addAll);
        List<String> tags = new ArrayList<>(tagSet);
        TaggerNet.Config nc = new TaggerNet.Config(c.arch(), words.size(), tags.size(), c.embedding(), c.hidden(), c.layers(),
                c.bidirectional(), c.dropout());
        SequenceTagger t = new SequenceTagger(c, words, tags, new TaggerNet(nc, new Rng(s.seed())));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("train_file", train.file() == null ? null : train.file().toString());
        info.put("valid_file", valid.file() == null ? null : valid.file().toString());
        info.put("train_sentences", train.size());
        info.put("valid_sentences", valid.size());
        info.put("tags", tags);
        info.put("vocabulary", words.size());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("task", TaskKind.TAG.id());
        config.put("recipe", c);
        config.put("data", info);
        t.training = RecipeRun.summary(s, null, info);
        TaggerFitting f = new TaggerFitting(t.net, t.encodeWords(train.tokens()), t.encodeTags(train), t.encodeWords(valid.tokens()),
                t.encodeTags(valid), s.batchSize());
        t.result = RecipeRun.train(f, s, run, config, t::save);
        t.training = RecipeRun.summary(s, t.result, info);
        if (run.dir() != null) RecipeRun.saveFinal(t::save, run.dir());
        return t;
    }

    private static TaggedSentences slice(TaggedSentences t, int from, int to) {
        return new TaggedSentences(t.file(), t.tokens().subList(from, to), t.tags().subList(from, to),
                java.util.Arrays.copyOfRange(t.lines(), from, to));
    }

    List<int[]> encodeWords(List<List<String>> sentences) {
        List<int[]> out = new ArrayList<>(sentences.size());
        for (List<String> s : sentences) out.add(words.encode(s));
        return out;
    }

    /** Tag ids; a tag the model does not know is an error naming the sentence's file and line. */
    List<int[]> encodeTags(TaggedSentences t) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < tags.size(); i++) index.put(tags.get(i), i);
        List<int[]> out = new ArrayList<>(t.size());
        for (int s = 0; s < t.size(); s++) {
            List<String> tg = t.tags().get(s);
            int[] ids = new int[tg.size()];
            for (int j = 0; j < ids.length; j++) {
                Integer k = index.get(tg.get(j));
                if (k == null) {
                    throw new DataFormatException(t.file(), t.lines()[s] + j, "tag '" + tg.get(j)
                            + "' does not occur in the training data (known tags: " + String.join(", ", tags) + ")");
                }
                ids[j] = k;
            }
            out.add(ids);
        }
        return out;
    }

    /** Token accuracy and per-tag scores on tagged sentences. */
    public ClassificationReport evaluate(TaggedSentences data) {
        List<int[]> truth = encodeTags(data);
        List<int[]> pred = predictIds(encodeWords(data.tokens()));
        int n = truth.stream().mapToInt(a -> a.length).sum();
        int[] t = new int[n], p = new int[n];
        int at = 0;
        for (int s = 0; s < truth.size(); s++) {
            System.arraycopy(truth.get(s), 0, t, at, truth.get(s).length);
            System.arraycopy(pred.get(s), 0, p, at, truth.get(s).length);
            at += truth.get(s).length;
        }
        return ClassificationReport.of(tags, t, p);
    }

    /** The tag of every token of each sentence. */
    public List<List<String>> predict(List<List<String>> sentences) {
        List<List<String>> out = new ArrayList<>();
        for (int[] ids : predictIds(encodeWords(sentences))) {
            List<String> s = new ArrayList<>();
            for (int id : ids) s.add(tags.get(id));
            out.add(s);
        }
        return out;
    }

    private List<int[]> predictIds(List<int[]> ids) {
        int[][] out = new int[ids.size()][];
        net.train(false);
        try (var g = GradMode.disabled()) {
            for (int[] idx : Batching.batches(Batching.lengthsOf(ids), 64, null)) {
                Tensor best = net.forward(Batching.padded(ids, idx, 0), Batching.lengths(ids, idx)).argmax(2, false);
                int t = best.size(1);
                float[] flat = best.contiguous().toFloatArray();
                for (int b = 0; b < idx.length; b++) {
                    int[] p = new int[ids.get(idx[b]).length];
                    for (int j = 0; j < p.length; j++) p[j] = (int) flat[b * t + j];
                    out[idx[b]] = p;
                }
            }
        }
        return List.of(out);
    }

    /** Writes the model file (weights, architecture, word vocabulary, tags, training summary). */
    public void save(Path file) throws IOException {
        Map<String, String> blobs = new LinkedHashMap<>();
        blobs.put(ModelFile.ARCHITECTURE, Json.write(net.config()));
        blobs.put(ModelFile.TASK, TaskFile.taskBlob(TaskKind.TAG, Map.of("recipe", config, "tags", tags)));
        blobs.put(ModelFile.TOKENIZER, "{\"type\":\"words\",\"version\":1,\"vocabulary\":" + words.toJson() + "}");
        blobs.put(ModelFile.TRAINING, Json.write(training));
        TaskFile.write(file, net, blobs);
    }

    /** Reads a model file written by {@link #save}. */
    public static SequenceTagger load(Path file) throws IOException {
        ModelFileContents c = TaskFile.read(file, TaskKind.TAG);
        Config config = TaskFile.recipe(file, c, Config.class);
        String[] tags = TaskFile.field(file, c, "tags", String[].class);
        Vocabulary words = Vocabulary.fromJson(Json.tree(TaskFile.blob(file, c, ModelFile.TOKENIZER), "tokenizer").get("vocabulary").toString());
        TaggerNet net = new TaggerNet(TaskFile.architecture(file, c, TaggerNet.Config.class), new Rng(0));
        TaskFile.loadWeights(file, c, net);
        SequenceTagger t = new SequenceTagger(config, words, List.of(tags), net);
        t.training = TaskFile.training(c);
        return t;
    }

    public Config config() { return config; }

    public List<String> tags() { return tags; }

    public TrainResult result() { return result; }

    public Map<String, Object> training() { return training; }
}
