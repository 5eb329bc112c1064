package io.seqlearn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Tiny generated data sets for the CLI tests. */
final class TestData {
    private static final String[] NEUTRAL = "the a movie film plot actor story scene music was is very quite rather really".split(" ");
    private static final String[] POSITIVE = "good great wonderful fine lovely".split(" ");
    private static final String[] NEGATIVE = "bad awful poor boring terrible".split(" ");

    private TestData() {}

    /** Sentences whose label (1 / 0, or pos / neg) is decided by one sentiment word; with a GLUE header. */
    static Path sentiment(Path file, int n, long seed, boolean words) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>(List.of("sentence\tlabel"));
        for (int i = 0; i < n; i++) {
            boolean pos = r.nextBoolean();
            List<String> w = new ArrayList<>();
            for (int k = 3 + r.nextInt(6); k > 0; k--) w.add(NEUTRAL[r.nextInt(NEUTRAL.length)]);
            String[] cue = pos ? POSITIVE : NEGATIVE;
            w.add(r.nextInt(w.size() + 1), cue[r.nextInt(cue.length)]);
            lines.add(String.join(" ", w) + " \t" + (words ? (pos ? "pos" : "neg") : (pos ? "1" : "0")));
        }
        Files.write(file, lines);
        return file;
    }

    /** date,load,temp,y: two seasonal inputs and a target that follows them, {@code rows} hourly rows. */
    static Path series(Path file, int rows, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("date,load,temp,y\n");
        for (int t = 0; t < rows; t++) {
            double load = Math.sin(2 * Math.PI * t / 24) + 0.1 * r.nextDouble();
            double temp = Math.cos(2 * Math.PI * t / 48) + 0.1 * r.nextDouble();
            double y = 0.6 * load + 0.4 * temp + 0.05 * r.nextDouble();
            sb.append(String.format(Locale.ROOT, "2020-01-%02d %02d:00,%.4f,%.4f,%.4f%n", 1 + t / 24 % 28, t % 24, load, temp, y));
        }
        Files.writeString(file, sb);
        return file;
    }

    /** CoNLL-style "word TAB tag" lines, blank line between sentences: tag NUM for digits, CAP for capitalised, O else. */
    static Path tagged(Path file, int sentences, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        String[] words = "the cat sat on mat and ran to house with dog".split(" ");
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            for (int k = 4 + r.nextInt(6); k > 0; k--) {
                int kind = r.nextInt(4);
                String w = switch (kind) {
                    case 0 -> Integer.toString(r.nextInt(1000));
                    case 1 -> "Paris London Rome Oslo".split(" ")[r.nextInt(4)];
                    default -> words[r.nextInt(words.length)];
                };
                sb.append(w).append('\t').append(kind == 0 ? "NUM" : kind == 1 ? "CAP" : "O").append('\n');
            }
            sb.append('\n');
        }
        Files.writeString(file, sb);
        return file;
    }

    /** Source/target files where the target is the source with words mapped one to one (a toy "translation"). */
    static Path[] parallel(Path dir, String name, int n, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        String[] src = "ein zwei drei vier fuenf hund katze haus baum".split(" ");
        String[] tgt = "one two three four five dog cat house tree".split(" ");
        StringBuilder a = new StringBuilder(), b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            List<String> s = new ArrayList<>(), t = new ArrayList<>();
            for (int k = 2 + r.nextInt(4); k > 0; k--) {
                int w = r.nextInt(src.length);
                s.add(src[w]);
                t.add(tgt[w]);
            }
            a.append(String.join(" ", s)).append(" .\n");
            b.append(String.join(" ", t)).append(" .\n");
        }
        Path ps = dir.resolve(name + ".de"), pt = dir.resolve(name + ".en");
        Files.writeString(ps, a);
        Files.writeString(pt, b);
        return new Path[]{ps, pt};
    }
}
