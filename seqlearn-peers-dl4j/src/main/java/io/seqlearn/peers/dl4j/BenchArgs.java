package io.seqlearn.peers.dl4j;

import java.util.HashMap;
import java.util.Map;

/**
 * The command line every benchmark process of bench/run takes: {@code ROW KIND WARMUP STEPS key=value...}.
 * The row table (bench/rows.tsv) is the one place where a row's shapes are written down; every contender
 * reads the same key=value pairs, so the contenders cannot drift apart.
 *
 * @param row    the row's name as it appears in the report (e.g. {@code lstm-train-M})
 * @param kind   which benchmark builds the step (gemm, recurrent, mha, encoder, charlm, wordlm, tlm)
 * @param warmup untimed steps before the timed ones
 * @param steps  timed steps
 * @param params the row's shapes and settings (B, T, I, H, ...)
 */
record BenchArgs(String row, String kind, int warmup, int steps, Map<String, String> params) {

    static BenchArgs parse(String[] args) {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: ROW KIND WARMUP STEPS key=value..., got " + String.join(" ", args));
        }
        Map<String, String> p = new HashMap<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected key=value, got " + args[i]);
            p.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        return new BenchArgs(args[0], args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), p);
    }

    String str(String key) {
        String v = params.get(key);
        if (v == null) throw new IllegalArgumentException(row + ": missing parameter " + key + " in " + params);
        return v;
    }

    int i(String key) { return Integer.parseInt(str(key)); }

    float f(String key) { return Float.parseFloat(str(key)); }
}
