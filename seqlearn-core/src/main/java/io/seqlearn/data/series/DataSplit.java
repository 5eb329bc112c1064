package io.seqlearn.data.series;

/**
 * A chronological train / validation / test split of a series. The validation and test ranges start
 * {@code lookback} rows before their border so that their first window can look back across it (the
 * Informer / Autoformer convention); the targets of every split stay inside its own border.
 *
 * @param train rows of the training split (the only rows a scaler may be fitted on)
 * @param val   rows of the validation split, lookback included
 * @param test  rows of the test split, lookback included
 */
public record DataSplit(RowRange train, RowRange val, RowRange test) {

    /**
     * The ETTh1/ETTh2 split of Informer ({@code zhouhaoyi/Informer2020}, {@code data/data_loader.py},
     * {@code Dataset_ETT_hour}): 12/4/4 months of hourly rows, 30-day months. train = [0, 8640),
     * val = [8640 - lookback, 11520), test = [11520 - lookback, 14400); rows from 14400 on are unused.
     */
    public static DataSplit ettHourly(int lookback) { return ett(lookback, 24); }

    /** The ETTm1/ETTm2 split ({@code Dataset_ETT_minute}): as {@link #ettHourly} with 4 rows per hour. */
    public static DataSplit ettMinutely(int lookback) { return ett(lookback, 96); }

    private static DataSplit ett(int lookback, int rowsPerDay) {
        int month = 30 * rowsPerDay;
        int b1 = 12 * month;
        int b2 = 16 * month;
        int b3 = 20 * month;
        if (lookback < 1 || lookback > b1) {
            throw new IllegalArgumentException("ett split: lookback must be in [1, " + b1 + "], got " + lookback);
        }
        return new DataSplit(new RowRange(0, b1), new RowRange(b1 - lookback, b2), new RowRange(b2 - lookback, b3));
    }

    /**
     * Autoformer's split for other datasets ({@code thuml/Autoformer}, {@code Dataset_Custom}):
     * {@code numTrain = (int) (rows * trainFraction)}, {@code numTest = (int) (rows * testFraction)}, the rest
     * is validation (Autoformer uses 0.7 / 0.2). train = [0, numTrain), val = [numTrain - lookback,
     * rows - numTest), test = [rows - numTest - lookback, rows).
     */
    public static DataSplit fractions(int rows, double trainFraction, double testFraction, int lookback) {
        if (!(trainFraction > 0) || !(testFraction > 0) || trainFraction + testFraction >= 1) {
            throw new IllegalArgumentException("split: need train > 0, test > 0 and train + test < 1, got "
                    + trainFraction + " and " + testFraction);
        }
        int numTrain = (int) (rows * trainFraction);
        int numTest = (int) (rows * testFraction);
        if (lookback < 1 || lookback > numTrain) {
            throw new IllegalArgumentException("split: lookback " + lookback + " must be in [1, " + numTrain
                    + "] (the training rows of a " + rows + "-row series)");
        }
        return new DataSplit(new RowRange(0, numTrain), new RowRange(numTrain - lookback, rows - numTest),
                new RowRange(rows - numTest - lookback, rows));
    }

    /**
     * Checks that a series with {@code rows} rows is long enough for this split.
     *
     * @throws IllegalArgumentException naming both numbers
     */
    public void checkFits(int rows) {
        if (test.to() > rows) {
            throw new IllegalArgumentException("split: needs " + test.to() + " rows, the series has " + rows);
        }
    }
}
