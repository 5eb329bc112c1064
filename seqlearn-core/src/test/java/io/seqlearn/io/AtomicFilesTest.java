package io.seqlearn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void writesANewFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("new.bin");
        AtomicFiles.write(target, out -> out.write("hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals("hello", Files.readString(target));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void replacesAnExistingFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("f.bin");
        Files.writeString(target, "old content that is longer");
        AtomicFiles.write(target, out -> {
            out.write("new".getBytes(StandardCharsets.UTF_8));
            out.close(); // closing early is allowed
        });
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void writerThatThrowsHalfwayLeavesTheOldFileByteIdentical(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("model.safetensors");
        Map<String, TensorData> tensors = ReferenceFilesTest.referenceTensors();
        SafeTensors.write(target, tensors, Map.of());
        byte[] before = Files.readAllBytes(target);
        IOException boom = new IOException("disk full (simulated)");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]); // more than the buffer: part of it reaches the temporary file
            throw boom;
        }));
        assertSame(boom, thrown);
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), list(dir), "the temporary file is removed");
    }

    @Test
    void runtimeFailureAlsoLeavesTheOldFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("f.txt");
        Files.writeString(target, "keep me");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new UncheckedIOException(new IOException("x"));
        }));
        assertEquals("keep me", Files.readString(target));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void missingDirectoryIsAnIOException(@TempDir Path dir) {
        assertThrows(NoSuchFileException.class,
                () -> AtomicFiles.write(dir.resolve("no/such/dir/f.bin"), out -> out.write(1)));
    }

    @Test
    void replacedFileKeepsItsPermissions(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("p.bin");
        Files.writeString(target, "x");
        var perms = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(target, perms);
        AtomicFiles.write(target, out -> out.write(2));
        assertEquals(perms, Files.getPosixFilePermissions(target));
    }

    @Test
    void relativePathsWork(@TempDir Path dir) throws IOException {
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("rel.bin"));
        AtomicFiles.write(relative, out -> out.write(7));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(dir.resolve("rel.bin")));
        assertFalse(list(dir).isEmpty());
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
