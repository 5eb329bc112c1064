package io.seqlearn.data;

/**
 * How to read a delimited text file.
 *
 * @param delimiter field separator ({@code ','} for CSV, {@code '\t'} for TSV)
 * @param quoting   whether RFC 4180 double quotes are honoured (quoted fields may hold the delimiter, doubled
 *                  quotes {@code ""} and line breaks). Off for GLUE-style TSV, whose sentences may contain a
 *                  bare {@code "} (GLUE's own reader uses {@code quotechar=None}).
 * @param header    whether the first row holds column names (see {@link Header})
 */
public record CsvOptions(char delimiter, boolean quoting, Header header) {

    /** Whether the first row is a header. */
    public enum Header {
        /** Always a header. */
        PRESENT,
        /** Never a header; columns are named "0", "1", ... as pandas numbers them. */
        ABSENT,
        /**
         * Guess, like Python's {@code csv.Sniffer.has_header}: the first row is a header when some column is
         * non-numeric in the first row but numeric in every one of the next (up to 20) rows. A file with only
         * text columns, or with one row, is read as having no header: pass {@link #PRESENT} for those.
         */
        AUTO
    }

    public CsvOptions {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("csv: delimiter cannot be a quote or a line break, got "
                    + (int) delimiter);
        }
        if (header == null) throw new IllegalArgumentException("csv: header mode must not be null");
    }

    /** Comma-separated, RFC 4180 quotes, header guessed. */
    public static CsvOptions csv() { return new CsvOptions(',', true, Header.AUTO); }

    /** Tab-separated, no quoting (GLUE TSV), header guessed. */
    public static CsvOptions tsv() { return new CsvOptions('\t', false, Header.AUTO); }

    public CsvOptions withDelimiter(char d) { return new CsvOptions(d, quoting, header); }

    public CsvOptions withQuoting(boolean q) { return new CsvOptions(delimiter, q, header); }

    public CsvOptions withHeader(Header h) { return new CsvOptions(delimiter, quoting, h); }
}
