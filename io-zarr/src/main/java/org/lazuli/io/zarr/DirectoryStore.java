package org.lazuli.io.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A Zarr store in a local folder: a key is a file path below it, as zarr-python's DirectoryStore. */
final class DirectoryStore implements Store {
    private static final long serialVersionUID = 1L;

    private final String root;   // a String, so that the store serializes to any JVM

    DirectoryStore(Path root) {
        this.root = root.toAbsolutePath().normalize().toString();
    }

    Path root() {
        return Path.of(root);
    }

    private Path file(String key) {
        return key.isEmpty() ? root() : root().resolve(key);
    }

    @Override
    public byte[] get(String key) throws IOException {
        Path file = file(key);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            if (!Files.isRegularFile(file)) {
                return null;   // a key below a file ("tas/0.0/.zarray"), or a folder: no such key
            }
            throw e;
        }
    }

    @Override
    public byte[] getRange(String key, long offset, int length) throws IOException {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (offset < 0) {
                offset = channel.size() - length;
            }
            if (offset < 0 || offset + length > channel.size()) {
                throw new IOException(file + " has " + channel.size() + " bytes; bytes " + offset + " to "
                        + (offset + length) + " were asked for (a shard index pointing past its shard)");
            }
            ByteBuffer bytes = ByteBuffer.allocate(length);
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, offset + bytes.position()) < 0) {
                    throw new IOException(file + " ended early");
                }
            }
            return bytes.array();
        }
    }

    /** Reads the file straight into the buffer (one copy, none through the heap). */
    @Override
    public ByteBuffer getInto(String key, IntFunction<ByteBuffer> allocate) throws IOException {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " has " + size + " bytes, more than one chunk can hold");
            }
            ByteBuffer buffer = allocate.apply((int) size);
            while (buffer.position() < size) {
                if (channel.read(buffer) < 0) {
                    throw new IOException(file + " ended early");
                }
            }
            return buffer.flip();
        }
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        put(key, ByteBuffer.wrap(value));
    }

    @Override
    public void put(String key, ByteBuffer value) throws IOException {
        putLocal(key, channel -> {
            while (value.hasRemaining()) {
                channel.write(value);
            }
        });
    }

    @Override
    public FileChannel openLocal(String key) throws IOException {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;   // deleted since
        }
    }

    @Override
    public boolean putLocal(String key, LocalWriter writer) throws IOException {
        Path target = file(key);
        Files.createDirectories(target.getParent());
        // written aside and moved in, so that a reader never sees half a chunk
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".partial");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                writer.write(channel);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return true;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path folder = file(prefix);
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        return names;
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        Path folder = file(prefix);
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            Map<Boolean, List<Path>> folders = all.sorted(Comparator.reverseOrder())
                    .collect(Collectors.partitioningBy(Files::isDirectory));
            // the files first, on all cores: the kernel frees each one's page cache as it goes (1.4 GB of
            // chunks took 0.09-0.12 s on one thread, 0.06-0.07 s on two); then the folders, deepest first
            folders.get(false).parallelStream().forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            for (Path p : folders.get(true)) {
                if (!p.equals(root()) || !prefix.isEmpty()) {
                    Files.delete(p);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public String describe(String key) {
        return key.isEmpty() ? root : file(key).toString();
    }

    @Override
    public String toString() {
        return root;
    }
}
