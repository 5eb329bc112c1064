package io.seqlearn.tasks;

import io.seqlearn.data.DataFormatException;
import io.seqlearn.data.TextFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentences with one tag per token, in the CoNLL layout: one token per line, its fields separated by tabs or
 * spaces, the token first and the tag last (so CoNLL-2003's {@code word POS chunk NER} lines give the NER
 * tag); a blank line ends a sentence; lines starting with {@code -DOCSTART-} are skipped.
 *
 * @param lines 1-based line of each sentence's first token, for messages
 */
public record TaggedSentences(Path file, List<List<String>> tokens, List<List<String>> tags, int[] lines) {

    public int size() { return tokens.size(); }

    /** Reads {@code file} (strict UTF-8); errors name the file and line. */
    public static TaggedSentences read(Path file) throws IOException {
        List<String> all = TextFiles.readLines(file);
        List<List<String>> toks = new ArrayList<>(), tags = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<String> tk = new ArrayList<>(), tg = new ArrayList<>();
        for (int i = 0; i <= all.size(); i++) {
            String line = i < all.size() ? all.get(i).strip() : "";
            if (line.isEmpty() || line.startsWith("-DOCSTART-")) {
                if (!tk.isEmpty()) {
                    toks.add(tk);
                    tags.add(tg);
                    tk = new ArrayList<>();
                    tg = new ArrayList<>();
                }
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 2) throw new DataFormatException(file, i + 1, "expected a token and a tag, got '" + line + "'");
            if (tk.isEmpty()) starts.add(i + 1);
            tk.add(f[0]);
            tg.add(f[f.length - 1]);
        }
        if (toks.isEmpty()) throw new DataFormatException(file, 0, "the file is empty; expected token<TAB>tag lines");
        return new TaggedSentences(file, toks, tags, starts.stream().mapToInt(Integer::intValue).toArray());
    }
}
