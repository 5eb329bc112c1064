package io.seqlearn.cli;

import io.seqlearn.tasks.ClassificationReport;
import io.seqlearn.tasks.LabeledTexts;
import io.seqlearn.tasks.RunDirectory;
import io.seqlearn.tasks.RunOptions;
import io.seqlearn.tasks.TaskKind;
import io.seqlearn.tasks.TextClassifier;
import io.seqlearn.tasks.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn train classify}. */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a text classifier on text<TAB>label files.",
                "A header row is detected; columns named sentence/text and label are used, else the first and the last.",
                "Defaults: embedding 128, bidirectional LSTM 128 per direction, max pooling, dropout 0.5, Adam 1e-3, batch 64,",
                "up to 10 epochs with early stopping (patience 3) on validation accuracy."})
public final class TrainClassifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training TSV.") Path train;
    @Option(names = "--valid", paramLabel = "FILE", description = "Validation TSV (default: 10% of --train, seeded).") Path valid;
    @Option(names = "--test", paramLabel = "FILE", description = "Also report accuracy on this TSV after training.") Path test;
    @Option(names = "--arch", description = "lstm, gru, rnn or transformer (default: ${DEFAULT-VALUE}).") String arch = "lstm";
    @Option(names = "--pooling", description = "max, mean, last or attention (default: max; transformer: mean).") String pooling;
    @Option(names = "--unidirectional", description = "One direction only (recurrent encoders are bidirectional by default).") boolean unidirectional;
    @Option(names = "--embedding", description = "Embedding width.") Integer embedding;
    @Option(names = "--hidden", description = "Recurrent width per direction (transformer: feed-forward width).") Integer hidden;
    @Option(names = "--layers", description = "Stacked layers.") Integer layers;
    @Option(names = "--dropout", description = "Dropout rate.") Double dropout;
    @Option(names = "--heads", description = "Attention heads (transformer).") Integer heads;
    @Option(names = "--max-length", description = "Cut texts to this many tokens.") Integer maxLength;
    @Option(names = "--max-vocab", description = "Keep the most frequent words only (0 = all).") Integer maxVocab;

    @Mixin TrainOptions trainOptions;

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        TextClassifier.Config c = config();
        TrainSettings s = trainOptions.apply(TextClassifier.defaultTraining(), common);
        RunOptions run = trainOptions.run(TaskKind.CLASSIFY, common, spec.commandLine().getParseResult().originalArgs());
        TextClassifier tc = TextClassifier.train(LabeledTexts.read(train), valid == null ? null : LabeledTexts.read(valid), c, s, run);
        Map<String, Object> result = TrainReport.common(run, tc.result());
        StringBuilder text = new StringBuilder(TrainReport.line(tc.result()));
        if (test != null) {
            ClassificationReport r = tc.evaluate(LabeledTexts.read(test));
            result.put("test", ClassifyReport.map(r));
            text.append(String.format(Locale.ROOT, "Test: accuracy %.4f, macro-F1 %.4f on %,d examples%n", r.accuracy(), r.macroF1(), r.count()));
        }
        text.append("Model: ").append(run.dir().resolve(RunDirectory.MODEL_FILE)).append('\n');
        RunDirectory.create(run.dir()).writeResult(result);
        Printer.emit(common, result, text.toString());
        return 0;
    }

    private TextClassifier.Config config() {
        TextClassifier.Config c = TextClassifier.Config.defaults(arch);
        c = c.withSizes(embedding != null ? embedding : c.embedding(), hidden != null ? hidden : c.hidden(),
                layers != null ? layers : c.layers());
        if (pooling != null) c = c.withPooling(pooling);
        if (unidirectional) c = c.withBidirectional(false);
        if (dropout != null) c = c.withDropout(dropout);
        if (heads != null) c = c.withHeads(heads);
        if (maxLength != null) c = c.withMaxLength(maxLength);
        if (maxVocab != null) c = c.withMaxVocab(maxVocab);
        return c;
    }
}
