package io.seqlearn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Plain UTF-8 text files, decoded strictly: any ill-formed byte raises {@link DataFormatException} naming the
 * file, the 1-based line and the byte (Java's own readers would silently substitute U+FFFD). Line rules are
 * those of {@link Utf8LineReader}.
 */
public final class TextFiles {
    private TextFiles() {}

    /** All lines of {@code file}. */
    public static List<String> readLines(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (Utf8LineReader r = Utf8LineReader.open(file)) {
            for (String line; (line = r.readLine()) != null; ) out.add(line);
        }
        return out;
    }

    /**
     * The lines of {@code file} as a lazy stream that reads as it goes; close it (try-with-resources).
     * I/O errors surface as {@link UncheckedIOException}, bad UTF-8 as {@link DataFormatException}.
     */
    public static Stream<String> lines(Path file) throws IOException {
        Utf8LineReader r = Utf8LineReader.open(file);
        Iterator<String> it = new Iterator<>() {
            private String next = advance();

            private String advance() {
                try {
                    return r.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override public boolean hasNext() { return next != null; }

            @Override public String next() {
                if (next == null) throw new NoSuchElementException();
                String s = next;
                next = advance();
                return s;
            }
        };
        Spliterator<String> sp = Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(sp, false).onClose(() -> {
            try {
                r.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The whole file as one string, line terminators kept as they are (character-level models need them);
     * a leading byte-order mark is dropped.
     */
    public static String readString(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int off = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        int bad = Utf8.firstInvalid(bytes, off, bytes.length - off);
        if (bad >= 0) throw invalidAt(file, bytes, off + bad);
        return new String(bytes, off, bytes.length - off, StandardCharsets.UTF_8);
    }

    private static DataFormatException invalidAt(Path file, byte[] bytes, int at) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new DataFormatException(file, line, String.format(
                "invalid UTF-8 at byte %d of the line (0x%02X)", at - lineStart + 1, bytes[at] & 0xFF));
    }
}
