package io.seqlearn.tasks;

import io.seqlearn.data.CsvOptions;
import io.seqlearn.data.CsvReader;
import io.seqlearn.data.CsvRecord;
import io.seqlearn.data.DataFormatException;
import io.seqlearn.data.Numbers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Texts with a label each, read from a tab-separated file (GLUE style, {@code text<TAB>label}, no quoting).
 * A header row is recognised by its names ({@code sentence}/{@code text}, {@code label}/{@code class}/…) or,
 * failing that, when its label is not a number but every following label is (as {@code csv.Sniffer}).
 * With a header the columns named {@code sentence} or {@code text} and {@code label} are used; otherwise
 * the first column is the text and the last one the label.
 *
 * @param lines 1-based line of each record, for messages
 */
public record LabeledTexts(Path file, List<String> texts, List<String> labels, int[] lines) {
    private static final Set<String> TEXT_NAMES = Set.of("text", "sentence", "sentences", "document", "review", "content");
    private static final Set<String> LABEL_NAMES = Set.of("label", "labels", "class", "category", "tag", "target", "y", "sentiment");

    public int size() { return texts.size(); }

    /** Reads {@code file}; errors name the file and line. */
    public static LabeledTexts read(Path file) throws IOException {
        List<CsvRecord> rows = new ArrayList<>();
        try (CsvReader r = CsvReader.open(file, CsvOptions.tsv().withHeader(CsvOptions.Header.ABSENT))) {
            for (CsvRecord rec; (rec = r.next()) != null; ) rows.add(rec);
        }
        if (rows.isEmpty()) throw new DataFormatException(file, 0, "the file is empty; expected lines of text<TAB>label");
        if (rows.get(0).size() < 2) {
            throw new DataFormatException(file, rows.get(0).line(), "expected text<TAB>label, found 1 column (no tab)");
        }
        boolean header = isHeader(rows);
        int textCol = 0, labelCol = rows.get(0).size() - 1;
        if (header) {
            List<String> names = rows.get(0).fields().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
            for (int i = 0; i < names.size(); i++) {
                if (TEXT_NAMES.contains(names.get(i))) textCol = i;
                if (LABEL_NAMES.contains(names.get(i))) labelCol = i;
            }
        }
        List<String> texts = new ArrayList<>(), labels = new ArrayList<>();
        List<CsvRecord> data = rows.subList(header ? 1 : 0, rows.size());
        if (data.isEmpty()) throw new DataFormatException(file, rows.get(0).line(), "has a header but no data rows");
        int[] lines = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            CsvRecord rec = data.get(i);
            String label = rec.get(labelCol).strip();
            if (label.isEmpty()) throw new DataFormatException(file, rec.line(), "empty label");
            texts.add(rec.get(textCol).strip());
            labels.add(label);
            lines[i] = rec.line();
        }
        return new LabeledTexts(file, texts, labels, lines);
    }

    private static boolean isHeader(List<CsvRecord> rows) {
        CsvRecord first = rows.get(0);
        for (String f : first.fields()) {
            String name = f.strip().toLowerCase(Locale.ROOT);
            if (LABEL_NAMES.contains(name) || TEXT_NAMES.contains(name)) return true;
        }
        String label = first.get(first.size() - 1).strip().toLowerCase(Locale.ROOT);
        if (rows.size() < 2 || Numbers.isNumber(label)) return false;
        for (int i = 1; i < Math.min(rows.size(), 21); i++) {
            if (!Numbers.isNumber(rows.get(i).get(rows.get(i).size() - 1))) return false;
        }
        return true;
    }
}
