package dev.spool.worker.capture;

import dev.spool.contracts.blocked.BlockIndex;
import dev.spool.contracts.blocked.BlockedOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The full stream in a file on the worker's disk, gzipped as it is read (or as printed when the workflow turns
 * compression off), with the SHA-256 of what it holds. It is written in blocks ({@link BlockIndex}), whose index
 * lets a reader fetch the last lines of any output without the rest. The file stops growing at its disk cap; it then
 * holds the stream's beginning and says it was clipped. Memory use does not depend on the stream's size.
 */
public final class OutputSpool implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final boolean compressed;
    private final long capBytes;
    private final BlockedOutputStream out;
    private final MessageDigest sha256;
    /** Of the file's own bytes, which the storage-service checks an upload against. */
    private final MessageDigest fileDigest;
    private String fileChecksum;
    private long storedBytes;
    private boolean clipped;
    private String failure;
    private boolean closed;
    private String checksum;

    public OutputSpool(Path file, boolean compressed, int compressionLevel, long capBytes) throws IOException {
        this.file = file;
        this.compressed = compressed;
        this.capBytes = capBytes;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.fileDigest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        this.out = new BlockedOutputStream(new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(privateFile(file)), BUFFER_BYTES),
                fileDigest), compressed, compressionLevel, BlockIndex.DEFAULT_BLOCK_BYTES);
    }

    /** A file of these bytes alone, such as kept text too large for a result, written and closed, ready to upload. */
    public static OutputSpool of(Path file, byte[] bytes, int compressionLevel) throws IOException {
        OutputSpool spool = new OutputSpool(file, true, compressionLevel, Long.MAX_VALUE);
        spool.write(bytes, 0, bytes.length);
        spool.close();
        if (spool.failure() != null) {
            throw new IOException(spool.failure());
        }
        return spool;
    }

    /**
     * Appends to the file. A disk that fails (full, or gone) does not fail the capture: the file is given up, the
     * kept text goes on, and {@link #failure()} says why there is no full copy.
     */
    void write(byte[] bytes, int offset, int length) {
        if (clipped || failure != null) {
            return;
        }
        if (out.storedBytes() >= capBytes) {
            clipped = true;
            return;
        }
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            failure = "the worker's spool disk failed (" + e.getMessage() + ")";
            return;
        }
        sha256.update(bytes, offset, length);
        storedBytes += length;
    }

    /** Why the file is not a full copy to store, when its disk failed; null otherwise. */
    public String failure() {
        return failure;
    }

    public Path file() {
        return file;
    }

    public boolean compressed() {
        return compressed;
    }

    /** Bytes of the original that the file holds. */
    public long storedBytes() {
        return storedBytes;
    }

    /** Bytes of the file itself. */
    public long fileBytes() {
        return out.storedBytes();
    }

    /** Hex SHA-256 of the file itself, once it is closed. */
    public String fileSha256() {
        return fileChecksum;
    }

    /** Where each block of the file starts, once it is closed. */
    public BlockIndex index() {
        return out.index();
    }

    public boolean clipped() {
        return clipped;
    }

    /** Hex SHA-256 of the bytes the file holds, once it is closed. */
    public String sha256() {
        return checksum;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = "the worker's spool disk failed (" + e.getMessage() + ")";
                }
            }
            checksum = HexFormat.of().formatHex(sha256.digest());
            fileChecksum = HexFormat.of().formatHex(fileDigest.digest());
        }
    }

    /**
     * The worker's alone (0600) when made here: a task, whatever its user, reads its output only through Spool. A path
     * that exists already (a device, in tests) is written as it is, never replaced.
     */
    private static Path privateFile(Path file) throws IOException {
        try {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (java.nio.file.FileAlreadyExistsException exists) {
            // Written over as it is.
        }
        return file;
    }
}
