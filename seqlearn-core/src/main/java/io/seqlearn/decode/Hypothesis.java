package io.seqlearn.decode;

/**
 * A decoded sequence.
 *
 * @param tokens   generated tokens, without the start token and without the end token
 * @param logProb  Σ log p of every generated token, the end token included when {@code finished}
 * @param score    the ranking score: {@code logProb}, or with a length penalty (see {@link BeamSearch})
 * @param finished whether the end token was produced (false: stopped at the maximum length)
 */
public record Hypothesis(int[] tokens, double logProb, double score, boolean finished) {
    @Override
    public String toString() {
        return "Hypothesis" + java.util.Arrays.toString(tokens) + " logProb=" + logProb + " score=" + score
                + (finished ? "" : " (unfinished)");
    }
}
