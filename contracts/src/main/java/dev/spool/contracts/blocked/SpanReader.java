package dev.spool.contracts.blocked;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a {@link BlockIndex.Span} out of the object bytes it names: decodes block by block, skips what the span
 * skips, and ends where it ends. Each block is decoded on its own, bounded by its length from the index, since
 * {@link GZIPInputStream} finds a following member only when the next bytes have already arrived, and would end a
 * network stream early at a member boundary.
 *
 * <p>A gzip member's CRC is checked only at its end. So that a corrupt block is never passed on, even in part, each
 * block of a blocked output is decoded whole and checked before its first byte is returned
 * ({@link CorruptBlockException}); that holds one block, at most {@link #MAX_VERIFIED_BLOCK} bytes. An output stored
 * before blocks is one member of any size: it is streamed, and a corruption in it ends the stream when it is found.
 */
public final class SpanReader extends InputStream {

    private static final int BUFFER_BYTES = 64 * 1024;
    /** The largest block decoded whole before it is served; the writer's blocks are 1 MiB. */
    public static final long MAX_VERIFIED_BLOCK = 16L << 20;

    private final InputStream slice;
    private final boolean compressed;
    private final List<Long> blockLengths;
    private final List<Long> blockStarts;
    private final boolean verifyFirst;
    private int nextBlock;
    private InputStream block;
    private long skipLines;
    private long skipBytes;
    private long linesLeft;
    private long bytesLeft;
    private boolean done;

    /** @param slice the object's bytes from {@code span.storedFrom()} to {@code span.storedTo()} */
    public SpanReader(InputStream slice, BlockIndex index, BlockIndex.Span span) {
        this.slice = slice;
        this.compressed = index.compressed();
        this.blockLengths = new ArrayList<>();
        this.blockStarts = new ArrayList<>();
        this.verifyFirst = index.compressed() && index.blockBytes() <= MAX_VERIFIED_BLOCK;
        List<BlockIndex.Block> blocks = index.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            long start = blocks.get(i).storedOffset();
            long end = i + 1 < blocks.size() ? blocks.get(i + 1).storedOffset() : span.storedTo();
            if (start >= span.storedFrom() && start < span.storedTo()) {
                blockLengths.add(Math.min(end, span.storedTo()) - start);
                blockStarts.add(start);
            }
        }
        this.skipLines = span.skipLines();
        this.skipBytes = span.skipBytes();
        this.linesLeft = span.limitLines();
        this.bytesLeft = span.limitBytes();
        this.done = span.storedLength() <= 0 || span.limitLines() == 0 || span.limitBytes() == 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!done) {
            int n = decoded(into, offset, length);
            if (n < 0) {
                done = true;
                break;
            }
            int from = offset;
            int to = offset + n;
            while (from < to && skipLines > 0) {
                if (into[from++] == '\n') {
                    skipLines--;
                }
            }
            if (skipBytes > 0) {
                int dropped = (int) Math.min(skipBytes, to - from);
                from += dropped;
                skipBytes -= dropped;
            }
            if (from == to) {
                continue;
            }
            int end = to;
            if (bytesLeft >= 0 && end - from > bytesLeft) {
                end = from + (int) bytesLeft;
            }
            if (linesLeft >= 0) {
                for (int i = from; i < end; i++) {
                    if (into[i] == '\n' && --linesLeft == 0) {
                        end = i + 1;
                        break;
                    }
                }
            }
            if (bytesLeft >= 0) {
                bytesLeft -= end - from;
            }
            if (linesLeft == 0 || bytesLeft == 0) {
                done = true;
            }
            System.arraycopy(into, from, into, offset, end - from);
            return end - from;
        }
        return -1;
    }

    /** The next decoded bytes of the span, block after block; -1 at its end. */
    private int decoded(byte[] into, int offset, int length) throws IOException {
        while (true) {
            if (block == null) {
                if (nextBlock >= blockLengths.size()) {
                    return -1;
                }
                long storedOffset = blockStarts.get(nextBlock);
                InputStream bounded = new Bounded(slice, blockLengths.get(nextBlock++));
                block = !compressed ? bounded : verifyFirst ? verified(bounded, storedOffset) : new GZIPInputStream(bounded, BUFFER_BYTES);
            }
            int n;
            try {
                n = block.read(into, offset, length);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new CorruptBlockException(blockStarts.get(nextBlock - 1), e.getMessage(), e);
            }
            if (n >= 0) {
                return n;
            }
            block = null;
        }
    }

    /** The block decoded whole, its CRC and length checked by the gzip trailer, before any of it is passed on. */
    private static InputStream verified(InputStream member, long storedOffset) throws IOException {
        try (GZIPInputStream gzip = new GZIPInputStream(member, BUFFER_BYTES)) {
            byte[] decoded = gzip.readNBytes((int) MAX_VERIFIED_BLOCK + 1);
            if (decoded.length > MAX_VERIFIED_BLOCK) {
                throw new CorruptBlockException(storedOffset, "it decodes to more than a block holds", null);
            }
            return new java.io.ByteArrayInputStream(decoded);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new CorruptBlockException(storedOffset, e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        slice.close();
    }

    /** At most {@code limit} bytes of a stream it does not close. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }

        @Override
        public void close() {
            // The slice is closed by the reader.
        }
    }
}
