package io.seqlearn.cli;

import io.seqlearn.data.SentencePair;
import io.seqlearn.metrics.text.BleuScore;
import io.seqlearn.tasks.RunDirectory;
import io.seqlearn.tasks.RunOptions;
import io.seqlearn.tasks.TaskKind;
import io.seqlearn.tasks.TrainSettings;
import io.seqlearn.tasks.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn train translate}. */
@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a translator (or summariser) on line-aligned source/target files.",
                "Byte-level BPE per language; the best checkpoint is chosen by validation BLEU (greedy decoding).",
                "Defaults: GRU, embedding 256, bidirectional encoder 256 per direction, decoder 512, Bahdanau attention, dropout 0.3,",
                "Adam 1e-3, batch 64, up to 20 epochs (patience 3), beam 5; transformer: width 256, 4 heads, 3+3 layers, label smoothing 0.1."})
public final class TrainTranslateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--src", required = true, paramLabel = "FILE", description = "Training source sentences, one per line.") Path src;
    @Option(names = "--tgt", required = true, paramLabel = "FILE", description = "Training target sentences, aligned with --src.") Path tgt;
    @Option(names = "--valid-src", required = true, paramLabel = "FILE", description = "Validation source.") Path validSrc;
    @Option(names = "--valid-tgt", required = true, paramLabel = "FILE", description = "Validation target.") Path validTgt;
    @Option(names = "--test-src", paramLabel = "FILE", description = "Also report BLEU (beam search) on this source...") Path testSrc;
    @Option(names = "--test-tgt", paramLabel = "FILE", description = "...against these references.") Path testTgt;
    @Option(names = "--arch", description = "gru, lstm or transformer (default: ${DEFAULT-VALUE}).") String arch = "gru";
    @Option(names = "--attention", description = "bahdanau, luong-dot, luong-general or luong-concat (default: ${DEFAULT-VALUE}).") String attention = "bahdanau";
    @Option(names = "--embedding", description = "Embedding width (RNN).") Integer embedding;
    @Option(names = "--hidden", description = "Encoder width per direction (transformer: model width).") Integer hidden;
    @Option(names = "--layers", description = "Encoder layers (transformer: layers per stack).") Integer layers;
    @Option(names = "--heads", description = "Attention heads (transformer).") Integer heads;
    @Option(names = "--feed-forward", description = "Feed-forward width (transformer).") Integer feedForward;
    @Option(names = "--dropout", description = "Dropout rate.") Double dropout;
    @Option(names = "--vocab", description = "BPE vocabulary per language.") Integer vocab;
    @Option(names = "--max-length", description = "Skip training pairs longer than this many tokens.") Integer maxLength;
    @Option(names = "--label-smoothing", description = "Label smoothing of the loss.") Double labelSmoothing;
    @Option(names = "--beam", description = "Beam width for --test and later translations.") Integer beam;

    @Mixin TrainOptions trainOptions;

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        if ((testSrc == null) != (testTgt == null)) throw new IllegalArgumentException("give both --test-src and --test-tgt, or neither");
        Translator.Config c = config();
        TrainSettings s = trainOptions.apply(Translator.defaultTraining(c), common);
        RunOptions run = trainOptions.run(TaskKind.TRANSLATE, common, spec.commandLine().getParseResult().originalArgs());
        List<SentencePair> train = TranslateIo.pairs(src, tgt), valid = TranslateIo.pairs(validSrc, validTgt);
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("train", List.of(src.toString(), tgt.toString()));
        files.put("valid", List.of(validSrc.toString(), validTgt.toString()));
        Translator t = Translator.train(train, valid, c, s, run, files);
        Map<String, Object> result = TrainReport.common(run, t.result());
        StringBuilder text = new StringBuilder(TrainReport.line(t.result()));
        if (testSrc != null) {
            List<SentencePair> test = TranslateIo.pairs(testSrc, testTgt);
            List<String> hyps = t.translate(TranslateIo.sources(test), c.beam());
            BleuScore b = io.seqlearn.metrics.text.Bleu.corpus(hyps, List.of(TranslateIo.targets(test)));
            RunDirectory.create(run.dir()).writeText("test.hyp", String.join("\n", hyps) + "\n");
            result.put("test", TranslateIo.bleuMap(b, c.beam()));
            text.append("Test: ").append(TranslateIo.bleuLine(b, c.beam())).append('\n');
        }
        text.append("Model: ").append(run.dir().resolve(RunDirectory.MODEL_FILE)).append('\n');
        RunDirectory.create(run.dir()).writeResult(result);
        Printer.emit(common, result, text.toString());
        return 0;
    }

    private Translator.Config config() {
        Translator.Config c = Translator.Config.defaults(arch).withAttention(attention);
        c = c.withSizes(embedding != null ? embedding : c.embedding(), hidden != null ? hidden : c.hidden(), layers != null ? layers : c.layers());
        if (heads != null) c = c.withHeads(heads);
        if (feedForward != null) c = c.withFeedForward(feedForward);
        if (dropout != null) c = c.withDropout(dropout);
        if (vocab != null) c = c.withVocabulary(vocab);
        if (maxLength != null) c = c.withMaxLength(maxLength);
        if (labelSmoothing != null) c = c.withLabelSmoothing(labelSmoothing);
        if (beam != null) c = c.withBeam(beam);
        return c;
    }
}
