package io.seqlearn.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Line-aligned parallel text files (machine translation corpora such as Multi30k {@code train.en} /
 * {@code train.de}): line i of the source file translates line i of the target file. Both files are read
 * strictly as UTF-8 ({@link Utf8LineReader}) and streamed side by side; different line counts raise
 * {@link DataFormatException} naming both files and both counts.
 */
public final class ParallelText {
    private ParallelText() {}

    /** All pairs of {@code source} and {@code target}. */
    public static List<SentencePair> read(Path source, Path target) throws IOException {
        List<SentencePair> out = new ArrayList<>();
        forEach(source, target, out::add);
        return out;
    }

    /** Streams the pairs to {@code sink} without holding the files in memory. */
    public static void forEach(Path source, Path target, Consumer<SentencePair> sink) throws IOException {
        try (Utf8LineReader s = Utf8LineReader.open(source); Utf8LineReader t = Utf8LineReader.open(target)) {
            while (true) {
                String a = s.readLine();
                String b = t.readLine();
                if (a == null && b == null) return;
                if (a == null || b == null) throw mismatch(source, target, s, t, a == null);
                sink.accept(new SentencePair(s.lineNumber(), a, b));
            }
        }
    }

    private static DataFormatException mismatch(Path source, Path target, Utf8LineReader s, Utf8LineReader t,
                                                boolean sourceEnded) throws IOException {
        Utf8LineReader longer = sourceEnded ? t : s;
        while (longer.readLine() != null) { /* count the rest */ }
        return new DataFormatException(null, 0, "parallel text: " + source + " has " + s.lineNumber()
                + " lines but " + target + " has " + t.lineNumber() + "; the files must be line-aligned");
    }
}
