package io.seqlearn.cli;

import picocli.CommandLine;

/**
 * Turns exceptions into one-line errors with a non-zero exit code; the stack trace only with --debug
 * (or SEQLEARN_DEBUG is not consulted: the flag is explicit).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean debug = parsed.hasMatchedOption("--debug")
                || (parsed.subcommand() != null && hasDebug(parsed.subcommand()));
        if (debug) ex.printStackTrace(cmd.getErr());
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cmd.getErr().println("seqlearn: error: " + msg);
        return ex instanceof IllegalArgumentException || ex instanceof java.io.IOException ? 2 : 1;
    }

    private static boolean hasDebug(CommandLine.ParseResult r) {
        if (r.hasMatchedOption("--debug")) return true;
        return r.subcommand() != null && hasDebug(r.subcommand());
    }
}
