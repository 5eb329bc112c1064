package io.seqlearn.cli;

import io.seqlearn.tasks.LanguageModelEval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How language-model scores are shown. */
final class LmReport {
    private LmReport() {}

    static Map<String, Object> map(LanguageModelEval e, boolean charLevel) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokens", e.tokens());
        m.put("loss", e.loss());
        m.put("perplexity", e.perplexity());
        m.put(charLevel ? "bits_per_char" : "bits_per_token", e.bitsPerToken());
        return m;
    }

    static String line(LanguageModelEval e, boolean charLevel) {
        return String.format(Locale.ROOT, "%,d tokens, loss %.4f nats/token, perplexity %.2f, %.4f bits/%s",
                e.tokens(), e.loss(), e.perplexity(), e.bitsPerToken(), charLevel ? "char" : "token");
    }

    /** "val_loss 1.2345, val_ppl 3.44" from an epoch's logs, validation keys only. */
    static String metrics(Map<String, Double> logs) {
        return logs.entrySet().stream().filter(e -> e.getKey().startsWith("val_"))
                .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    }
}
