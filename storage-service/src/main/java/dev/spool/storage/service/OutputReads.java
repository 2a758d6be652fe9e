package dev.spool.storage.service;

import dev.spool.contracts.StoredObject;
import dev.spool.contracts.blocked.BlockIndex;
import dev.spool.contracts.blocked.SpanReader;
import dev.spool.contracts.blocked.CorruptBlockException;
import dev.spool.contracts.blocked.TextSelection;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads of a stored output's original text: whole, its last or first lines, or a byte range. An output with a block
 * index fetches only the blocks it needs, with one ranged GET; one stored before outputs had an index (a single gzip
 * member) is scanned once to count its lines, then read again, so its reads are right and bounded in memory, only
 * slower.
 */
@ApplicationScoped
public class OutputReads {

    private static final Logger LOG = Logger.getLogger(OutputReads.class);
    private static final int BUFFER_BYTES = 64 * 1024;

    private final OutputStore store;
    private final MeterRegistry metrics;

    public OutputReads(OutputStore store, MeterRegistry metrics) {
        this.metrics = metrics;
        this.store = store;
    }

    /**
     * @param range for a byte range, what is sent of the original; null otherwise
     * @param body  writes the text; it opens the bucket's stream only when called
     */
    public record Read(StoredObject object, TextSelection.Range range, Body body) {
    }

    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    public Read read(String key, TextSelection selection) {
        StoredObject object = store.stat(key);
        BlockIndex index = store.index(key).orElse(null);
        if (index == null && selection instanceof TextSelection.Whole) {
            return new Read(object, null, out -> {
                try (InputStream in = decoded(store.open(key), object)) {
                    in.transferTo(out);
                } catch (java.util.zip.ZipException | java.io.EOFException e) {
                    throw corrupt(key, new CorruptBlockException(0, e.getMessage(), e));
                }
            });
        }
        if (index == null) {
            index = scanned(key, object);
        }
        BlockIndex blocks = index;
        TextSelection.Resolved resolved = selection.resolve(blocks, object.sizeBytes());
        BlockIndex.Span span = resolved.span();
        if (span.storedLength() <= 0) {
            return new Read(object, resolved.range(), out -> { });
        }
        // The first block is read and checked before the answer is given, so that a corrupt one is refused with a
        // status (502) rather than found once 200 is sent; one found later cuts the answer short.
        InputStream in = new SpanReader(store.open(key, span.storedFrom(), span.storedLength()), blocks, span);
        byte[] first;
        try {
            first = in.readNBytes(BUFFER_BYTES);
        } catch (IOException e) {
            closeQuietly(in);
            throw e instanceof CorruptBlockException corrupt ? corrupt(key, corrupt) : new UncheckedIOException(e);
        }
        return new Read(object, resolved.range(), out -> {
            try (in) {
                out.write(first);
                in.transferTo(out);
            } catch (CorruptBlockException e) {
                throw corrupt(key, e);
            }
        });
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Already failed; the failure said is the first one.
        }
    }

    /** Said loudly, since nothing but a damaged bucket or disk makes it: the copy must be written again or given up. */
    private StoredCopyCorruptException corrupt(String key, CorruptBlockException e) {
        metrics.counter("spool.storage.corrupt.blocks").increment();
        LOG.errorf("stored output %s: %s; nothing of that block was served", key, e.getMessage());
        return new StoredCopyCorruptException(key, e);
    }

    /** An output stored before blocks, as one block: one pass counts its bytes and lines. */
    private BlockIndex scanned(String key, StoredObject object) {
        long bytes = 0;
        long lines = 0;
        int last = -1;
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = decoded(store.open(key), object)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                bytes += n;
                last = buffer[n - 1];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BlockIndex(BlockIndex.VERSION, object.gzipped(), Math.max(1, bytes), bytes, lines, last == '\n',
                List.of(new BlockIndex.Block(0, 0, lines)));
    }

    private static InputStream decoded(InputStream object, StoredObject stored) {
        try {
            return stored.gzipped() ? new GZIPInputStream(object, BUFFER_BYTES) : object;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
