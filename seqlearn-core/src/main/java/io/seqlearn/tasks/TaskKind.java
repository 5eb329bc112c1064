package io.seqlearn.tasks;

import java.util.Locale;

/** The recipes, as named in a model file's {@code task} blob and on the command line. */
public enum TaskKind {
    LM("language model", "generate / eval lm"),
    CLASSIFY("text classifier", "classify / eval classify"),
    FORECAST("forecaster", "forecast / eval forecast"),
    TRANSLATE("translator", "translate / eval translate"),
    TAG("sequence tagger", "eval tag");

    private final String title;
    private final String commands;

    TaskKind(String title, String commands) {
        this.title = title;
        this.commands = commands;
    }

    /** The name in files and on the command line: "lm", "classify", … */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** "language model", "text classifier", … */
    public String title() { return title; }

    /** The commands that use such a model, for error messages. */
    public String commands() { return commands; }

    /** The kind named {@code id}, or null. */
    public static TaskKind byId(String id) {
        for (TaskKind k : values()) if (k.id().equals(id)) return k;
        return null;
    }
}
