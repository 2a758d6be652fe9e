package dev.spool.worker.service;

import dev.spool.worker.config.WorkerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The worker's folder of attempt directories, and this process's claim on what it creates there. Each worker process
 * is an incarnation with a lock file that it holds for its whole life; the operating system lets go of the lock
 * however the process dies, so a lock that can be taken means its incarnation is gone, and what it left can go too.
 */
@ApplicationScoped
public class WorkerDirectory {

    private final Path root;
    private final String incarnation = UUID.randomUUID().toString();
    private final FileChannel lockChannel;
    private final FileLock lock;

    public WorkerDirectory(WorkerConfig config) {
        this.root = config.workDir();
        try {
            Files.createDirectories(incarnations());
            // Tasks, whatever their users, pass through to their own directories but list nothing here, and read no lock.
            Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(incarnations(), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            lockChannel = FileChannel.open(lockFile(incarnation), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.lock();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the worker directory " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** This process's incarnation, written into each attempt directory it creates. */
    public String incarnation() {
        return incarnation;
    }

    /** Whether the incarnation that wrote an attempt directory is gone: no live process holds its lock. */
    boolean isGone(String other) {
        if (other.equals(incarnation)) {
            return false;
        }
        Path file = lockFile(other);
        if (!Files.exists(file)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock taken = channel.tryLock();
            if (taken == null) {
                return false;
            }
            taken.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    void forget(String other) {
        try {
            Files.deleteIfExists(lockFile(other));
        } catch (IOException e) {
            // A stale lock file is only a few bytes; the next start tries again.
        }
    }

    private Path incarnations() {
        return root.resolve(".incarnations");
    }

    private Path lockFile(String name) {
        return incarnations().resolve(name.replaceAll("[^A-Za-z0-9-]", "") + ".lock");
    }

    @PreDestroy
    void release() {
        try {
            lock.release();
            lockChannel.close();
            Files.deleteIfExists(lockFile(incarnation));
        } catch (IOException e) {
            // The operating system releases the lock with the process anyway.
        }
    }
}
