package io.seqlearn.data;

/**
 * One aligned pair from parallel text files.
 *
 * @param line   1-based line number in both files
 * @param source the source-language line
 * @param target the target-language line
 */
public record SentencePair(int line, String source, String target) {}
