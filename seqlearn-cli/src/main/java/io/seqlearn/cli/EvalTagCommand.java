package io.seqlearn.cli;

import io.seqlearn.tasks.ClassificationReport;
import io.seqlearn.tasks.SequenceTagger;
import io.seqlearn.tasks.TaggedSentences;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn eval tag}. */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Token accuracy, per-tag precision/recall/F1 and the confusion matrix of a tagger on a CoNLL-style file.")
public final class EvalTagCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Tagger model file (or run directory).") Path model;
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Tagged file to score.") Path data;

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        ClassificationReport r = SequenceTagger.load(model).evaluate(TaggedSentences.read(data));
        Map<String, Object> result = ClassifyReport.map(r);
        result.put("data", data.toString());
        Printer.emit(common, result, r.table());
        return 0;
    }
}
