package io.seqlearn.data.series;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** Shared checks and loops of the scalers. */
final class Scalers {
    private Scalers() {}

    static double[][] map(Scaler s, double[][] data, boolean inverse) {
        double[][] out = new double[data.length][];
        for (int r = 0; r < data.length; r++) {
            double[] row = data[r];
            if (row == null || row.length != s.numColumns()) {
                throw new IllegalArgumentException(s.type() + " scaler: row " + r + " expected " + s.numColumns()
                        + " columns, got " + (row == null ? 0 : row.length));
            }
            double[] o = new double[row.length];
            for (int c = 0; c < row.length; c++) o[c] = inverse ? s.inverseTransform(row[c], c) : s.transform(row[c], c);
            out[r] = o;
        }
        return out;
    }

    /** Checks {@code rows} lies in {@code data}, is not empty and every row has the same finite columns. */
    static int checkFitData(String who, double[][] data, RowRange rows) {
        if (rows.length() == 0) throw new IllegalArgumentException(who + ": cannot fit on 0 rows");
        if (rows.to() > data.length) {
            throw new IllegalArgumentException(who + ": fit rows " + rows + " go past the data's " + data.length + " rows");
        }
        int cols = data[rows.from()].length;
        for (int r = rows.from(); r < rows.to(); r++) {
            if (data[r].length != cols) {
                throw new IllegalArgumentException(who + ": row " + r + " has " + data[r].length + " columns, row "
                        + rows.from() + " has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                if (!Double.isFinite(data[r][c])) {
                    throw new IllegalArgumentException(who + ": row " + r + ", column " + c + " is " + data[r][c]);
                }
            }
        }
        return cols;
    }

    static void checkColumn(String who, int column, int n) {
        if (column < 0 || column >= n) {
            throw new IllegalArgumentException(who + ": column " + column + " out of range [0, " + n + ")");
        }
    }

    static double[] pick(double[] a, int[] columns, String who) {
        double[] out = new double[columns.length];
        for (int i = 0; i < columns.length; i++) {
            checkColumn(who, columns[i], a.length);
            out[i] = a[columns[i]];
        }
        return out;
    }

    static void put(ArrayNode node, double[] a) {
        for (double v : a) node.add(v);
    }

    static double[] doubles(JsonNode node, String field, String who) {
        JsonNode a = node.path(field);
        if (!a.isArray()) throw new IllegalArgumentException(who + ": JSON field '" + field + "' missing or not an array");
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asDouble();
        return out;
    }
}
