package io.seqlearn.tasks;

import io.seqlearn.data.CsvOptions;
import io.seqlearn.data.CsvTable;
import io.seqlearn.data.DataFormatException;
import io.seqlearn.data.Numbers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The numeric columns of a CSV file that a forecaster reads: the input series (the features, then any
 * target not among them) as a rows × F matrix, and which of them are the K targets. Non-numeric columns
 * (a date) are skipped when features are not named; a named column that is missing, or a value that is
 * not a number, is an error naming the file, line and column.
 *
 * @param inputs  names of the F input columns, in matrix order
 * @param targets positions of the target columns among {@code inputs}
 */
public record SeriesTable(Path file, List<String> inputs, int[] targets, double[][] values) {

    public int rows() { return values.length; }

    /** Target column names. */
    public List<String> targetNames() {
        List<String> out = new ArrayList<>();
        for (int t : targets) out.add(inputs.get(t));
        return out;
    }

    /**
     * Reads {@code file}. {@code targets}: column names, or {@code all} for every feature (multivariate "M");
     * {@code features}: column names, or null for every numeric column.
     */
    public static SeriesTable read(Path file, List<String> targets, List<String> features) throws IOException {
        CsvTable t = CsvTable.read(file, CsvOptions.csv());
        if (t.rowCount() == 0) throw new DataFormatException(file, 0, "the file is empty; expected a header and rows of numbers");
        List<String> feats = features != null && !features.isEmpty() ? features : numericColumns(t);
        for (String f : feats) t.columnIndex(f);
        boolean all = targets.size() == 1 && targets.get(0).equalsIgnoreCase("all");
        List<String> tgts = all ? feats : targets;
        if (tgts.isEmpty()) throw new IllegalArgumentException("forecast: no target column given (--target)");
        LinkedHashSet<String> inputs = new LinkedHashSet<>(feats);
        inputs.addAll(tgts);
        List<String> in = List.copyOf(inputs);
        int[] ti = new int[tgts.size()];
        for (int i = 0; i < ti.length; i++) {
            t.columnIndex(tgts.get(i));
            ti[i] = in.indexOf(tgts.get(i));
        }
        return new SeriesTable(file, in, ti, t.matrix(in.toArray(String[]::new)));
    }

    /** Reads a file with the columns a trained model expects. */
    public static SeriesTable read(Path file, List<String> inputs, int[] targets) throws IOException {
        CsvTable t = CsvTable.read(file, CsvOptions.csv());
        if (t.rowCount() == 0) throw new DataFormatException(file, 0, "the file is empty; expected a header and rows of numbers");
        return new SeriesTable(file, List.copyOf(inputs), targets.clone(), t.matrix(inputs.toArray(String[]::new)));
    }

    /** Columns whose first value is a number (so "date" is skipped). */
    private static List<String> numericColumns(CsvTable t) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < t.columns().size(); c++) {
            if (Numbers.isNumber(t.row(0).get(c))) out.add(t.columns().get(c));
        }
        if (out.isEmpty()) throw new DataFormatException(t.file(), t.row(0).line(), "has no numeric column");
        return out;
    }

    /** "HUFL,HULL" → [HUFL, HULL]; null or blank → null. */
    public static List<String> names(String csv) {
        if (csv == null || csv.isBlank()) return null;
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) if (!s.isBlank()) out.add(s.strip());
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %d rows × %d series, targets %s", file, rows(), inputs.size(), targetNames());
    }
}
