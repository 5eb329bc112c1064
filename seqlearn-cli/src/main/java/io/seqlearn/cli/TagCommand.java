package io.seqlearn.cli;

import io.seqlearn.tasks.SequenceTagger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seqlearn tag}. */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = {"Tag sentences with a trained tagger.", "Tags the whitespace-separated tokens of each --text; prints token/TAG pairs."})
public final class TagCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Tagger model file (or run directory).") Path model;
    @Option(names = "--text", required = true, description = "A sentence to tag (repeatable).") List<String> texts;

    @Override
    public Integer call() throws Exception { return Execution.run(common, this::run); }

    private int run() throws Exception {
        List<List<String>> sentences = new ArrayList<>();
        for (String t : texts) {
            if (t.isBlank()) throw new IllegalArgumentException("tag: --text is empty");
            sentences.add(Arrays.asList(t.strip().split("\\s+")));
        }
        List<List<String>> tags = SequenceTagger.load(model).predict(sentences);
        StringBuilder sb = new StringBuilder();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s++) {
            List<String> pairs = new ArrayList<>();
            for (int j = 0; j < sentences.get(s).size(); j++) pairs.add(sentences.get(s).get(j) + "/" + tags.get(s).get(j));
            sb.append(String.join(" ", pairs)).append('\n');
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tokens", sentences.get(s));
            row.put("tags", tags.get(s));
            rows.add(row);
        }
        Printer.emit(common, Map.of("sentences", rows), sb.toString());
        return 0;
    }
}
