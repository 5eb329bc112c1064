package io.seqlearn.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Random-access bytes a safetensors file is read from: a file channel (positioned reads into fresh heap
 * buffers), or a memory segment (a byte array or a memory-mapped file). Callers only ask for ranges they
 * have already checked against {@link #size()}.
 */
sealed interface ByteSource {

    /** Total number of bytes. */
    long size() throws IOException;

    /** A copy of {@code length} bytes starting at {@code position}. */
    byte[] read(long position, int length) throws IOException;

    /** {@code length} bytes at {@code position} as a buffer: a copy, or a read-only view for mapped files. */
    ByteBuffer slice(long position, int length) throws IOException;

    /** Reads through a {@link FileChannel}; every slice is a fresh heap copy. */
    record Channel(FileChannel channel, String name) implements ByteSource {
        @Override
        public long size() throws IOException { return channel.size(); }

        @Override
        public byte[] read(long position, int length) throws IOException {
            byte[] out = new byte[length];
            ByteBuffer dst = ByteBuffer.wrap(out);
            while (dst.hasRemaining()) {
                int n = channel.read(dst, position + dst.position());
                if (n < 0) {
                    // The size was checked before; only a file truncated while we read it ends here.
                    throw new ModelFileException(name, "file ended at byte " + (position + dst.position())
                            + " while reading " + length + " bytes at " + position + "; was it changed while being read?");
                }
            }
            return out;
        }

        @Override
        public ByteBuffer slice(long position, int length) throws IOException {
            return ByteBuffer.wrap(read(position, length));
        }
    }

    /** Reads from a memory segment; slices are views when {@code copy} is false (memory-mapped files). */
    record Segment(MemorySegment segment, boolean copy) implements ByteSource {
        @Override
        public long size() { return segment.byteSize(); }

        @Override
        public byte[] read(long position, int length) {
            byte[] out = new byte[length];
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, out, 0, length);
            return out;
        }

        @Override
        public ByteBuffer slice(long position, int length) {
            return copy ? ByteBuffer.wrap(read(position, length)) : segment.asSlice(position, length).asByteBuffer();
        }
    }
}
