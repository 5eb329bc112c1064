package io.seqlearn.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A delimited file read into memory: column names plus string records, with typed column access whose
 * errors name the file, line, column and value.
 *
 * <pre>{@code
 * CsvTable t = CsvTable.read(Path.of("ETTh1.csv"), CsvOptions.csv());
 * double[][] x = t.matrix("HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT");   // rows × 7
 * }</pre>
 */
public final class CsvTable {
    private final Path file;
    private final List<String> columns;
    private final boolean hasHeader;
    private final List<CsvRecord> rows;
    private final Map<String, Integer> index = new HashMap<>();

    private CsvTable(Path file, List<String> columns, boolean hasHeader, List<CsvRecord> rows) {
        this.file = file;
        this.columns = List.copyOf(columns);
        this.hasHeader = hasHeader;
        this.rows = List.copyOf(rows);
        // With duplicate names the first column wins.
        for (int i = columns.size() - 1; i >= 0; i--) index.put(columns.get(i), i);
    }

    /** Reads all of {@code file}. */
    public static CsvTable read(Path file, CsvOptions options) throws IOException {
        try (CsvReader r = CsvReader.open(file, options)) {
            List<CsvRecord> rows = new ArrayList<>();
            for (CsvRecord rec; (rec = r.next()) != null; ) rows.add(rec);
            return new CsvTable(file, r.columns(), r.hasHeader(), rows);
        }
    }

    public Path file() { return file; }

    /** Column names: the header, or "0", "1", ... */
    public List<String> columns() { return columns; }

    public boolean hasHeader() { return hasHeader; }

    /** Number of data rows (the header excluded). */
    public int rowCount() { return rows.size(); }

    /** Data row {@code i} (0-based, the header excluded). */
    public CsvRecord row(int i) { return rows.get(i); }

    /**
     * Index of column {@code name}.
     *
     * @throws DataFormatException naming the file, the missing column and the available ones
     */
    public int columnIndex(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new DataFormatException(file, 0, "no column '" + name + "'; available: " + String.join(", ", columns));
        }
        return i;
    }

    /** The values of one column as strings. */
    public List<String> strings(String column) {
        int c = columnIndex(column);
        List<String> out = new ArrayList<>(rows.size());
        for (CsvRecord r : rows) out.add(r.get(c));
        return out;
    }

    /** The values of one numeric column ({@link Numbers} format). */
    public double[] column(String column) {
        int c = columnIndex(column);
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) out[r] = number(rows.get(r), c, column);
        return out;
    }

    /** The values of one integer column (e.g. class labels). */
    public int[] ints(String column) {
        int c = columnIndex(column);
        int[] out = new int[rows.size()];
        for (int r = 0; r < out.length; r++) {
            String v = rows.get(r).get(c).strip();
            try {
                out[r] = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new DataFormatException(file, rows.get(r).line(),
                        "column '" + column + "': '" + v + "' is not an integer");
            }
        }
        return out;
    }

    /** Several numeric columns as a rows × columns matrix, in the order asked. */
    public double[][] matrix(String... columnNames) {
        int[] cs = new int[columnNames.length];
        for (int j = 0; j < cs.length; j++) cs[j] = columnIndex(columnNames[j]);
        double[][] out = new double[rows.size()][cs.length];
        for (int r = 0; r < out.length; r++) {
            for (int j = 0; j < cs.length; j++) out[r][j] = number(rows.get(r), cs[j], columnNames[j]);
        }
        return out;
    }

    private double number(CsvRecord rec, int c, String name) {
        String v = rec.get(c);
        try {
            return Numbers.parse(v);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, rec.line(), "column '" + name + "': '" + v + "' is not a number");
        }
    }
}
