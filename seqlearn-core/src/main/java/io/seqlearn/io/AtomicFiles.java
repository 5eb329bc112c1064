package io.seqlearn.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic file replacement: readers see either the old file or the complete new one, never a partial
 * write, even if the process dies or the machine loses power midway.
 *
 * <p>Recipe (as in e.g. Keras' and PyTorch Lightning's checkpoint writers and the classic
 * write-fsync-rename pattern): write a temporary file in the target's directory, {@code force(true)} it to
 * disk, close it, rename it over the target with {@code ATOMIC_MOVE}, then fsync the directory so the
 * rename itself is durable (where the platform allows opening a directory; silently skipped elsewhere).
 * On any failure the temporary file is deleted and the old target is left byte-identical.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Replaces {@code target} with the bytes {@code body} writes. The stream given to {@code body} is
     * buffered; {@code body} may close it or not.
     *
     * <pre>{@code
     * AtomicFiles.write(Path.of("history.json"), out -> out.write(json.getBytes(UTF_8)));
     * }</pre>
     *
     * @throws IOException whatever {@code body} or the file system throws; the target is then unchanged
     */
    public static void write(Path target, IOConsumer<OutputStream> body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
                .nextLong()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                copyPermissions(absolute, tmp);
                OutputStream out = new BufferedOutputStream(new ChannelStream(ch), 1 << 16);
                body.accept(out);
                out.flush();
                ch.force(true);
            }
            move(tmp, absolute);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
        syncDirectory(dir);
    }

    /** Writes through to the channel; closing only flushes, because the channel is closed (after force) by us. */
    private static final class ChannelStream extends FilterOutputStream {
        ChannelStream(FileChannel ch) { super(Channels.newOutputStream(ch)); }

        @Override
        public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

        @Override
        public void close() throws IOException { flush(); }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on unusual file systems; replacing is the best we can do.
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A replaced file keeps its permissions (a new one gets the process's default, not the temp file's). */
    private static void copyPermissions(Path from, Path to) throws IOException {
        var fromView = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (fromView != null && Files.exists(from)) {
            Files.setPosixFilePermissions(to, fromView.readAttributes().permissions());
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible on every platform (e.g. Windows); the file's own data is already on disk.
        }
    }
}
