package io.seqlearn.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Turns exceptions into one-line errors ({@code seqlearn: error: FILE:LINE: problem}) with a non-zero exit
 * code: 2 for bad input (arguments, files, data), 1 for anything else. The stack trace is printed only with
 * {@code --debug} (an explicit flag; no environment variable is consulted).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (hasDebug(parsed)) ex.printStackTrace(cmd.getErr());
        cmd.getErr().println("seqlearn: error: " + message(ex));
        cmd.getErr().flush();
        Throwable t = unwrap(ex);
        return t instanceof IllegalArgumentException || t instanceof IOException ? 2 : 1;
    }

    /** One line saying what went wrong, naming the file where there is one. */
    static String message(Throwable ex) {
        Throwable t = unwrap(ex);
        String m;
        if (t instanceof NoSuchFileException e) {
            m = e.getFile() + ": " + (e.getReason() != null ? e.getReason() : "no such file");
        } else if (t instanceof AccessDeniedException e) {
            m = e.getFile() + ": permission denied (cannot read or write it)";
        } else if (t instanceof FileSystemException e && e.getReason() != null) {
            m = e.getFile() + ": " + e.getReason();
        } else if (t instanceof OutOfMemoryError) {
            m = "out of memory; use a smaller --batch or model, or give Java more heap (SEQLEARN_JAVA_OPTS=-Xmx8g)";
        } else {
            m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
        return m.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof UncheckedIOException || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.lang.reflect.InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean hasDebug(CommandLine.ParseResult r) {
        if (r.hasMatchedOption("--debug")) return true;
        return r.subcommand() != null && hasDebug(r.subcommand());
    }
}
