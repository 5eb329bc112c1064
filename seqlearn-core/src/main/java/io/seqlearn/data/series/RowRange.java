package io.seqlearn.data.series;

/**
 * Rows {@code [from, to)} of a series.
 *
 * @param from first row, inclusive
 * @param to   end row, exclusive
 */
public record RowRange(int from, int to) {
    public RowRange {
        if (from < 0 || to < from) throw new IllegalArgumentException("row range: need 0 <= from <= to, got [" + from + ", " + to + ")");
    }

    /** Number of rows. */
    public int length() { return to - from; }

    @Override
    public String toString() { return "[" + from + ", " + to + ")"; }
}
