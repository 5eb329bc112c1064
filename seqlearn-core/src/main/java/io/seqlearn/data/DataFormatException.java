package io.seqlearn.data;

import java.nio.file.Path;

/**
 * A data file whose content does not have the expected format: invalid UTF-8, an unterminated quote, a
 * non-numeric value in a numeric column, a missing column, mismatched parallel files.
 *
 * <p>Unchecked (extends {@link IllegalArgumentException}) so that it can escape from lazy streams and
 * iterators; real I/O failures stay {@link java.io.IOException} (or {@link java.io.UncheckedIOException} from
 * streams). The message always names the file and, when it is known, the 1-based line.
 */
public class DataFormatException extends IllegalArgumentException {
    private final transient Path file;
    private final int line;

    /**
     * @param file the file with the problem (may be null for in-memory data)
     * @param line 1-based line number, or 0 when the problem is not tied to one line
     * @param detail what is wrong, e.g. {@code "column 'OT': 'abc' is not a number"}
     */
    public DataFormatException(Path file, int line, String detail) {
        super(format(file, line, detail));
        this.file = file;
        this.line = line;
    }

    /** The file with the problem, or null for in-memory data. */
    public Path file() { return file; }

    /** 1-based line number, or 0 when the problem is not tied to one line. */
    public int line() { return line; }

    private static String format(Path file, int line, String detail) {
        if (file == null) return line > 0 ? "line " + line + ": " + detail : detail;
        return line > 0 ? file + " line " + line + ": " + detail : file + ": " + detail;
    }
}
