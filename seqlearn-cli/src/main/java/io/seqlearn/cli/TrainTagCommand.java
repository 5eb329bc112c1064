package io.seqlearn.cli;

import io.seqlearn.tasks.ClassificationReport;
import io.seqlearn.tasks.RunDirectory;
import io.seqlearn.tasks.RunOptions;
import io.seqlearn.tasks.SequenceTagger;
import io.seqlearn.tasks.TaggedSentences;
import io.seqlearn.tasks.TaskKind;
import io.seqlearn.tasks.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn train tag}. */
@Command(name = "tag", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a sequence tagger (POS, NER, chunking) on CoNLL-style files.",
                "One 'token ... tag' line per token, a blank line between sentences. Defaults: embedding 100, BiLSTM 100 per direction, dropout 0.3, Adam 1e-3, batch 32,",
                "up to 20 epochs with early stopping (patience 3) on validation token accuracy."})
public final class TrainTagCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training file.") Path train;
    @Option(names = "--valid", paramLabel = "FILE", description = "Validation file (default: the last 10% of --train's sentences).") Path valid;
    @Option(names = "--test", paramLabel = "FILE", description = "Also report token accuracy on this file after training.") Path test;
    @Option(names = "--arch", description = "lstm, gru or rnn (default: ${DEFAULT-VALUE}).") String arch = "lstm";
    @Option(names = "--unidirectional", description = "Left-to-right only.") boolean unidirectional;
    @Option(names = "--embedding", description = "Embedding width.") Integer embedding;
    @Option(names = "--hidden", description = "Recurrent width per direction.") Integer hidden;
    @Option(names = "--layers", description = "Stacked layers.") Integer layers;
    @Option(names = "--dropout", description = "Dropout rate.") Double dropout;

    @Mixin TrainOptions trainOptions;

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        SequenceTagger.Config c = SequenceTagger.Config.defaults(arch);
        c = c.withSizes(embedding != null ? embedding : c.embedding(), hidden != null ? hidden : c.hidden(), layers != null ? layers : c.layers());
        if (unidirectional) c = c.withBidirectional(false);
        if (dropout != null) c = c.withDropout(dropout);
        TrainSettings s = trainOptions.apply(SequenceTagger.defaultTraining(), common);
        RunOptions run = trainOptions.run(TaskKind.TAG, common, spec.commandLine().getParseResult().originalArgs());
        SequenceTagger t = SequenceTagger.train(TaggedSentences.read(train), valid == null ? null : TaggedSentences.read(valid), c, s, run);
        Map<String, Object> result = TrainReport.common(run, t.result());
        StringBuilder text = new StringBuilder(TrainReport.line(t.result()));
        if (test != null) {
            ClassificationReport r = t.evaluate(TaggedSentences.read(test));
            result.put("test", ClassifyReport.map(r));
            text.append(String.format(Locale.ROOT, "Test: token accuracy %.4f, macro-F1 %.4f over %,d tokens%n", r.accuracy(), r.macroF1(), r.count()));
        }
        text.append("Model: ").append(run.dir().resolve(RunDirectory.MODEL_FILE)).append('\n');
        RunDirectory.create(run.dir()).writeResult(result);
        Printer.emit(common, result, text.toString());
        return 0;
    }
}
