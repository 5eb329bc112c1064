package io.seqlearn.cli;

import io.seqlearn.tasks.ClassificationReport;

import java.util.LinkedHashMap;
import java.util.Map;

/** Classification scores as JSON-ready maps. */
final class ClassifyReport {
    private ClassifyReport() {}

    static Map<String, Object> map(ClassificationReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("examples", r.count());
        m.put("accuracy", r.accuracy());
        m.put("macro_f1", r.macroF1());
        m.put("labels", r.labels());
        Map<String, Object> per = new LinkedHashMap<>();
        for (int k = 0; k < r.labels().size(); k++) {
            per.put(r.labels().get(k), Map.of("precision", r.precision()[k], "recall", r.recall()[k], "f1", r.f1()[k]));
        }
        m.put("per_class", per);
        m.put("confusion", r.confusionLists());
        return m;
    }
}
