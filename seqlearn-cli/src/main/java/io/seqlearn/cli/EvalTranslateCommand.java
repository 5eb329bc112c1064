package io.seqlearn.cli;

import io.seqlearn.data.SentencePair;
import io.seqlearn.io.AtomicFiles;
import io.seqlearn.metrics.text.Bleu;
import io.seqlearn.metrics.text.BleuScore;
import io.seqlearn.tasks.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn eval translate}. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = {"Corpus BLEU of a translator, computed as sacreBLEU does by default (13a tokenisation, mixed case,",
                "exponential smoothing, one reference) on the detokenised output."})
public final class EvalTranslateCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Translator model file (or run directory).") Path model;
    @Option(names = "--src", required = true, paramLabel = "FILE", description = "Source sentences.") Path src;
    @Option(names = "--ref", required = true, paramLabel = "FILE", description = "Reference translations, aligned with --src.") Path ref;
    @Option(names = "--beam", description = "Beam width; 1 = greedy (default: the model's).") Integer beam;
    @Option(names = "--output", paramLabel = "FILE", description = "Also write the translations here, one per line.") Path output;

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        Translator t = Translator.load(model);
        List<SentencePair> pairs = TranslateIo.pairs(src, ref);
        int width = beam != null ? beam : t.config().beam();
        List<String> hyps = t.translate(TranslateIo.sources(pairs), width);
        BleuScore b = Bleu.corpus(hyps, List.of(TranslateIo.targets(pairs)));
        if (output != null) {
            byte[] bytes = (String.join("\n", hyps) + "\n").getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(output, o -> o.write(bytes));
        }
        Map<String, Object> result = TranslateIo.bleuMap(b, width);
        result.put("sentences", pairs.size());
        Printer.emit(common, result, TranslateIo.bleuLine(b, width));
        return 0;
    }
}
