package dev.spool.worker.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * The full stream, gzipped as it is read, in a file on the worker's disk. The file is what goes to object
 * storage when the stream passes the external-storage threshold; memory use does not depend on its size.
 */
final class GzipSpool implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final OutputStream gzip;
    private boolean closed;

    GzipSpool(Path file, int compressionLevel) {
        this.file = file;
        try {
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES);
            this.gzip = new GZIPOutputStream(out, BUFFER_BYTES) {
                {
                    def.setLevel(compressionLevel);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create spool file " + file, e);
        }
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        gzip.write(bytes, offset, length);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            gzip.close();
        }
    }
}
