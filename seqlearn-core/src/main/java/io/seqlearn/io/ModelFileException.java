package io.seqlearn.io;

import java.io.IOException;

/**
 * A model or safetensors file that cannot be read: truncated, corrupt, hostile, or not the kind of file
 * expected. The message names the file and the problem, e.g.
 * {@code model.safetensors: tensor "fc.weight": shape [2, 3] of F32 needs 24 bytes, data_offsets [0, 16] span 16}.
 *
 * <p>Every failure of {@link SafeTensors} and {@link ModelFile} readers to accept a file's content is reported
 * as this exception (never an {@code IndexOutOfBoundsException} or an {@code OutOfMemoryError} caused by a
 * size read from the file). Plain I/O failures (file missing, permission denied) stay ordinary
 * {@link IOException}s.
 */
public class ModelFileException extends IOException {
    private final String source;
    private final String problem;

    /**
     * @param source  the file (or other source) that was read, as shown to the user
     * @param problem what is wrong with it
     */
    public ModelFileException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.problem = problem;
    }

    /** Same, keeping the low-level cause (e.g. a JSON parse error). */
    public ModelFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** The file (or other source) that was read. */
    public String source() { return source; }

    /** What is wrong with it, without the file name. */
    public String problem() { return problem; }
}
