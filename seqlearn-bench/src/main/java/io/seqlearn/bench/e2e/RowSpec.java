package io.seqlearn.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of bench/rows.tsv: a row's name, kind, warm-up and timed steps, rounds, contenders and shapes,
 * plus what the report derives from them: the FLOPs of one step and the tokens one step consumes.
 *
 * <p>FLOPs count matrix products only (2·m·n·k each); a training step counts 3× its forward (forward,
 * and the two backward products per GEMM: input and weight gradient). Recurrent: 2·B·T·G·H·(I+H) forward
 * with G = 4 (LSTM), 3 (GRU), 1 (RNN). Self-attention forward: 8·B·T·D² (Q, K, V and output projections)
 * + 4·B·T²·D (QKᵀ and AV, the full T×T even when causal). Encoder layer: that + 4·B·T·D·FF.
 */
record RowSpec(String name, String kind, int warmup, int steps, int rounds, String contenders,
               Map<String, String> params) {

    static List<RowSpec> read(Path tsv) throws IOException {
        List<RowSpec> rows = new ArrayList<>();
        for (String line : Files.readAllLines(tsv)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            if (f.length != 7) throw new IOException(tsv + ": expected 7 tab-separated fields, got " + f.length + ": " + line);
            Map<String, String> p = new LinkedHashMap<>();
            for (String kv : f[6].trim().split("\\s+")) {
                int eq = kv.indexOf('=');
                p.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            rows.add(new RowSpec(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), f[5], p));
        }
        return rows;
    }

    private double d(String key) { return Double.parseDouble(params.get(key)); }

    /** Whether the row is an end-to-end training row, reported in tokens/s. */
    boolean endToEnd() { return kind.equals("charlm") || kind.equals("wordlm") || kind.equals("tlm"); }

    /** Tokens per step (B·T) for end-to-end rows, else 0. */
    double tokensPerStep() { return endToEnd() ? d("B") * d("T") : 0; }

    /** Matrix-product FLOPs of one step (see the class comment). */
    double flops() {
        return switch (kind) {
            case "gemm" -> 2 * d("M") * d("N") * d("K");
            case "recurrent" -> {
                double g = switch (params.get("cell")) { case "lstm" -> 4; case "gru" -> 3; default -> 1; };
                double fwd = 2 * d("B") * d("T") * g * d("H") * (d("I") + d("H"));
                yield params.get("mode").equals("train") ? 3 * fwd : fwd;
            }
            case "mha" -> 3 * attention(d("B"), d("T"), d("D"));
            case "encoder" -> 3 * encoder(d("B"), d("T"), d("D"), d("FF"));
            case "charlm", "wordlm" -> {
                double b = d("B"), t = d("T"), h = d("H"), fwd = 2 * b * t * h * d("V");
                for (int l = 0; l < (int) d("layers"); l++) fwd += 2 * b * t * 4 * h * ((l == 0 ? d("E") : h) + h);
                yield 3 * fwd;
            }
            case "tlm" -> 3 * (d("layers") * encoder(d("B"), d("T"), d("D"), d("FF"))
                    + 2 * d("B") * d("T") * d("D") * d("V"));
            default -> 0;
        };
    }

    private static double attention(double b, double t, double dm) {
        return 8 * b * t * dm * dm + 4 * b * t * t * dm;
    }

    private static double encoder(double b, double t, double dm, double ff) {
        return attention(b, t, dm) + 4 * b * t * dm * ff;
    }
}
