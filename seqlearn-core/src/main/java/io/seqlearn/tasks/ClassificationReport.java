package io.seqlearn.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores of predicted against true classes: accuracy, per-class precision/recall/F1, macro-F1 (the
 * unweighted mean of the per-class F1, as scikit-learn's {@code f1_score(average="macro")}; a class with no
 * predictions and no examples is left out, one with either gets F1 0 when undefined) and the confusion
 * matrix ({@code confusion[true][predicted]}).
 */
public record ClassificationReport(List<String> labels, long[][] confusion, double accuracy, double macroF1,
                                   double[] precision, double[] recall, double[] f1, long count) {

    /** The report for class ids {@code truth} and {@code predicted} over {@code labels}. */
    public static ClassificationReport of(List<String> labels, int[] truth, int[] predicted) {
        int c = labels.size();
        long[][] m = new long[c][c];
        long right = 0;
        for (int i = 0; i < truth.length; i++) {
            m[truth[i]][predicted[i]]++;
            if (truth[i] == predicted[i]) right++;
        }
        double[] p = new double[c], r = new double[c], f = new double[c];
        double sum = 0;
        int present = 0;
        for (int k = 0; k < c; k++) {
            long tp = m[k][k], col = 0, row = 0;
            for (int j = 0; j < c; j++) {
                col += m[j][k];
                row += m[k][j];
            }
            p[k] = col == 0 ? 0 : (double) tp / col;
            r[k] = row == 0 ? 0 : (double) tp / row;
            f[k] = p[k] + r[k] == 0 ? 0 : 2 * p[k] * r[k] / (p[k] + r[k]);
            if (col + row > 0) {
                sum += f[k];
                present++;
            }
        }
        double acc = truth.length == 0 ? Double.NaN : (double) right / truth.length;
        return new ClassificationReport(List.copyOf(labels), m, acc, present == 0 ? Double.NaN : sum / present, p, r, f, truth.length);
    }

    /** A readable table: accuracy, macro-F1, per-class scores and the confusion matrix. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "accuracy %.4f, macro-F1 %.4f over %,d examples%n%n", accuracy, macroF1, count));
        int w = Math.max(8, labels.stream().mapToInt(String::length).max().orElse(5) + 2);
        sb.append(pad("class", w)).append("precision  recall      F1%n".formatted());
        for (int k = 0; k < labels.size(); k++) {
            sb.append(pad(labels.get(k), w)).append(String.format(Locale.ROOT, "%9.4f %7.4f %7.4f%n", precision[k], recall[k], f1[k]));
        }
        sb.append("\nconfusion (rows: true, columns: predicted)\n").append(pad("", w));
        for (String l : labels) sb.append(pad(l, w));
        sb.append('\n');
        for (int k = 0; k < labels.size(); k++) {
            sb.append(pad(labels.get(k), w));
            for (long v : confusion[k]) sb.append(pad(Long.toString(v), w));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The confusion matrix as lists (for JSON). */
    public List<List<Long>> confusionLists() {
        List<List<Long>> out = new ArrayList<>();
        for (long[] row : confusion) {
            List<Long> r = new ArrayList<>();
            for (long v : row) r.add(v);
            out.add(r);
        }
        return out;
    }

    private static String pad(String s, int w) { return s.length() >= w ? s + " " : s + " ".repeat(w - s.length()); }
}
