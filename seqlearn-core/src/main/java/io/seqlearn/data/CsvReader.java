package io.seqlearn.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Streams the records of a delimited text file (CSV, TSV) with strict UTF-8 decoding.
 *
 * <p>With quoting on, fields follow RFC 4180: a field that starts with {@code "} runs to the matching
 * closing quote and may hold the delimiter, doubled quotes ({@code ""} for one {@code "}) and line breaks
 * (normalised to {@code \n}); a quote inside an unquoted field is kept as data. Blank lines outside quotes
 * are skipped (as pandas does). Every record must have as many fields as the first one (or the header).
 * Format problems raise {@link DataFormatException} naming the file and line.
 *
 * <pre>{@code
 * try (CsvReader r = CsvReader.open(path, CsvOptions.csv())) {
 *     for (CsvRecord rec; (rec = r.next()) != null; ) { ... }
 * }
 * }</pre>
 */
public final class CsvReader implements Closeable {
    /** Rows after the first that the header guess looks at (csv.Sniffer looks at 20). */
    static final int SNIFF_ROWS = 20;

    private final Utf8LineReader lines;
    private final CsvOptions options;
    private final ArrayDeque<CsvRecord> lookahead = new ArrayDeque<>();
    private final List<String> columns;
    private final boolean hasHeader;
    private int width = -1;
    private int firstLine;

    private CsvReader(Utf8LineReader lines, CsvOptions options) throws IOException {
        this.lines = lines;
        this.options = options;
        CsvRecord first = parse();
        if (first == null) {
            columns = List.of();
            hasHeader = false;
            return;
        }
        width = first.size();
        firstLine = first.line();
        lookahead.add(first);
        for (int i = 0; i < SNIFF_ROWS && options.header() == CsvOptions.Header.AUTO; i++) {
            CsvRecord r = parse();
            if (r == null) break;
            lookahead.add(r);
        }
        hasHeader = switch (options.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case AUTO -> looksLikeHeader(new ArrayList<>(lookahead));
        };
        if (hasHeader) {
            columns = lookahead.poll().fields();
        } else {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < width; i++) names.add(Integer.toString(i));
            columns = Collections.unmodifiableList(names);
        }
    }

    /** Opens {@code file}; reads ahead a few rows to decide on the header when the mode is AUTO. */
    public static CsvReader open(Path file, CsvOptions options) throws IOException {
        Utf8LineReader r = Utf8LineReader.open(file);
        try {
            return new CsvReader(r, options);
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** Reads from an already open line reader (for in-memory data or other streams). */
    public static CsvReader of(Utf8LineReader lines, CsvOptions options) throws IOException {
        return new CsvReader(lines, options);
    }

    /** The file being read (for messages; may be null). */
    public Path file() { return lines.file(); }

    /** Whether the first row was taken as the header. */
    public boolean hasHeader() { return hasHeader; }

    /** Column names: the header, or "0", "1", ... when there is none. */
    public List<String> columns() { return columns; }

    /** The next data record, or null at the end of the file. */
    public CsvRecord next() throws IOException {
        return lookahead.isEmpty() ? parse() : lookahead.poll();
    }

    @Override
    public void close() throws IOException { lines.close(); }

    static boolean looksLikeHeader(List<CsvRecord> rows) {
        if (rows.size() < 2) return false;
        CsvRecord first = rows.get(0);
        for (int c = 0; c < first.size(); c++) {
            if (Numbers.isNumber(first.get(c))) continue;
            boolean laterNumeric = true;
            for (int r = 1; r < rows.size() && laterNumeric; r++) {
                laterNumeric = c < rows.get(r).size() && Numbers.isNumber(rows.get(r).get(c));
            }
            if (laterNumeric) return true;
        }
        return false;
    }

    private CsvRecord parse() throws IOException {
        String line;
        do {
            line = lines.readLine();
            if (line == null) return null;
        } while (line.isEmpty());
        int start = lines.lineNumber();
        List<String> fields = options.quoting() ? parseQuoted(line, start) : split(line);
        if (width >= 0 && fields.size() != width) {
            throw new DataFormatException(lines.file(), start, "expected " + width + " fields (as on line "
                    + firstLine + "), got " + fields.size());
        }
        return new CsvRecord(start, fields);
    }

    private List<String> split(String line) {
        List<String> out = new ArrayList<>();
        char d = options.delimiter();
        int from = 0;
        for (int i = line.indexOf(d); i >= 0; i = line.indexOf(d, from)) {
            out.add(line.substring(from, i));
            from = i + 1;
        }
        out.add(line.substring(from));
        return out;
    }

    private List<String> parseQuoted(String line, int startLine) throws IOException {
        List<String> out = new ArrayList<>();
        char d = options.delimiter();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                int fieldLine = lines.lineNumber();
                i++;
                while (true) {
                    int q = line.indexOf('"', i);
                    if (q < 0) {
                        sb.append(line, i, line.length()).append('\n');
                        line = lines.readLine();
                        if (line == null) {
                            throw new DataFormatException(lines.file(), fieldLine,
                                    "quoted field " + (out.size() + 1) + " is never closed (end of file reached)");
                        }
                        i = 0;
                        continue;
                    }
                    sb.append(line, i, q);
                    if (q + 1 < line.length() && line.charAt(q + 1) == '"') {
                        sb.append('"');
                        i = q + 2;
                        continue;
                    }
                    i = q + 1;
                    break;
                }
                out.add(sb.toString());
                if (i == line.length()) return out;
                if (line.charAt(i) != d) {
                    throw new DataFormatException(lines.file(), lines.lineNumber(), "unexpected character '"
                            + line.charAt(i) + "' after the closing quote of field " + out.size());
                }
                i++;
            } else {
                int e = line.indexOf(d, i);
                if (e < 0) {
                    out.add(line.substring(i));
                    return out;
                }
                out.add(line.substring(i, e));
                i = e + 1;
            }
        }
    }
}
