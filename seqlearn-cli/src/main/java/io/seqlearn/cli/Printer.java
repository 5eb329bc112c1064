package io.seqlearn.cli;

import io.seqlearn.tasks.Json;

import java.io.PrintStream;
import java.util.Map;

/** Prints a command's result: readable text, or with {@code --json} one JSON object, on stdout. */
final class Printer {
    private Printer() {}

    static void emit(CommonOptions common, Map<String, Object> result, String text) {
        PrintStream out = System.out;
        if (common.json()) out.println(Json.write(result));
        else if (!text.isEmpty()) out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }
}
