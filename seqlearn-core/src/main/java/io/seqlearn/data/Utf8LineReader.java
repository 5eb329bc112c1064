package io.seqlearn.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams the lines of a UTF-8 file with strict decoding and line numbers.
 *
 * <p>Line ends are {@code \n} or {@code \r\n} (a lone {@code \r} is kept as data). A UTF-8 byte-order mark at
 * the start is skipped. The last line needs no terminator; a file ending in a terminator has no extra empty
 * line. Lines are split on bytes before decoding (0x0A never occurs inside a multi-byte UTF-8 sequence), so
 * an invalid byte is reported with its exact line: {@link DataFormatException} naming the file, the line and
 * the byte. Memory use is one buffer plus the longest line.
 */
public final class Utf8LineReader implements Closeable {
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final Path file;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private byte[] pending = new byte[256];
    private int pendingLen;
    private int lineNumber;

    /** Reads from {@code in}; {@code file} is only used in error messages (may be null). */
    public Utf8LineReader(InputStream in, Path file) {
        this.in = in;
        this.file = file;
    }

    /** Opens {@code file} for reading. */
    public static Utf8LineReader open(Path file) throws IOException {
        return new Utf8LineReader(Files.newInputStream(file), file);
    }

    /** The file name used in error messages (may be null). */
    public Path file() { return file; }

    /** 1-based number of the line last returned by {@link #readLine()} (0 before the first). */
    public int lineNumber() { return lineNumber; }

    /**
     * The next line without its terminator, or null at the end of the file.
     *
     * @throws DataFormatException if the line is not well-formed UTF-8
     */
    public String readLine() throws IOException {
        if (!started) start();
        pendingLen = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (!fill()) {
                    if (!any) return null;
                    return finish(pending, 0, pendingLen);
                }
            }
            any = true;
            int nl = indexOfNewline(pos, limit);
            if (nl >= 0) {
                int from = pos;
                pos = nl + 1;
                if (pendingLen == 0) return finish(buf, from, nl - from);
                append(from, nl);
                return finish(pending, 0, pendingLen);
            }
            append(pos, limit);
            pos = limit;
        }
    }

    @Override
    public void close() throws IOException { in.close(); }

    private void start() throws IOException {
        started = true;
        while (limit < 3 && !eof) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) eof = true; else limit += n;
        }
        if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) pos = 3;
    }

    private boolean fill() throws IOException {
        if (eof) return false;
        int n;
        do { n = in.read(buf, 0, buf.length); } while (n == 0);
        if (n < 0) {
            eof = true;
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) if (buf[i] == '\n') return i;
        return -1;
    }

    private void append(int from, int to) {
        int n = to - from;
        if (pendingLen + n > pending.length) pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLen + n));
        System.arraycopy(buf, from, pending, pendingLen, n);
        pendingLen += n;
    }

    private String finish(byte[] b, int off, int len) {
        lineNumber++;
        if (len > 0 && b[off + len - 1] == '\r') len--;
        int bad = Utf8.firstInvalid(b, off, len);
        if (bad >= 0) {
            throw new DataFormatException(file, lineNumber, String.format(
                    "invalid UTF-8 at byte %d of the line (0x%02X)", bad + 1, b[off + bad] & 0xFF));
        }
        return new String(b, off, len, StandardCharsets.UTF_8);
    }
}
