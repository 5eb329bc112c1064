package io.seqlearn.data;

import java.util.List;

/**
 * One record (row) of a delimited file.
 *
 * @param line   1-based line where the record starts (a quoted field can span several lines)
 * @param fields the field values, unquoted
 */
public record CsvRecord(int line, List<String> fields) {
    public CsvRecord {
        fields = List.copyOf(fields);
    }

    /** Number of fields. */
    public int size() { return fields.size(); }

    /** Field {@code i} (0-based). */
    public String get(int i) { return fields.get(i); }
}
