package dev.spool.contracts.blocked;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes an output as {@link BlockIndex} describes it: a new gzip member (or, uncompressed, a new slice) every
 * {@code blockBytes} of the original, while it counts each block's newlines. One deflater serves every member, reset
 * between them, so memory is a deflater and a buffer whatever the output's size, and blocks make no garbage.
 * {@link #index()} is complete once the stream is closed.
 */
public final class BlockedOutputStream extends OutputStream {

    private static final int BUFFER_BYTES = 64 * 1024;

    /** A gzip member's header, as {@code java.util.zip.GZIPOutputStream} writes it: deflate, no name, no time. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, 0};

    private final Counting target;
    private final boolean compressed;
    private final long blockBytes;
    private final List<BlockIndex.Block> blocks = new ArrayList<>();
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] deflated = new byte[BUFFER_BYTES];
    private boolean inMember;
    private long inBlock;
    private long blockLines;
    private long original;
    private long lines;
    private int lastByte = -1;
    private boolean closed;

    public BlockedOutputStream(OutputStream target, boolean compressed, int level, long blockBytes) {
        this.target = new Counting(target);
        this.compressed = compressed;
        this.blockBytes = blockBytes;
        this.deflater = compressed ? new Deflater(level < 0 ? Deflater.DEFAULT_COMPRESSION : level, true) : null;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (!inMember) {
                startBlock();
            }
            int n = (int) Math.min(length, blockBytes - inBlock);
            if (compressed) {
                crc.update(bytes, offset, n);
                deflater.setInput(bytes, offset, n);
                while (!deflater.needsInput()) {
                    drain(Deflater.NO_FLUSH);
                }
            } else {
                target.write(bytes, offset, n);
            }
            for (int i = offset; i < offset + n; i++) {
                if (bytes[i] == '\n') {
                    blockLines++;
                }
            }
            lastByte = bytes[offset + n - 1];
            inBlock += n;
            original += n;
            offset += n;
            length -= n;
            if (inBlock == blockBytes) {
                endBlock();
            }
        }
    }

    private void startBlock() throws IOException {
        blocks.add(new BlockIndex.Block(target.count, original, 0));
        if (compressed) {
            target.write(HEADER, 0, HEADER.length);
            deflater.reset();
            crc.reset();
        }
        inMember = true;
        inBlock = 0;
        blockLines = 0;
    }

    private void drain(int flush) throws IOException {
        int n = deflater.deflate(deflated, 0, deflated.length, flush);
        if (n > 0) {
            target.write(deflated, 0, n);
        }
    }

    private void endBlock() throws IOException {
        if (compressed) {
            deflater.finish();
            while (!deflater.finished()) {
                drain(Deflater.NO_FLUSH);
            }
            writeIntLittleEndian((int) crc.getValue());
            writeIntLittleEndian((int) inBlock); // ISIZE: the block's length modulo 2^32
        }
        int last = blocks.size() - 1;
        BlockIndex.Block block = blocks.get(last);
        blocks.set(last, new BlockIndex.Block(block.storedOffset(), block.originalOffset(), blockLines));
        lines += blockLines;
        inMember = false;
    }

    private void writeIntLittleEndian(int value) throws IOException {
        target.write(new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)}, 0, 4);
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (compressed && blocks.isEmpty()) {
                startBlock(); // an empty output is still a valid gzip file: one empty member
            }
            if (inMember) {
                endBlock();
            }
        } finally {
            if (deflater != null) {
                deflater.end();
            }
            target.out().close();
        }
    }

    /** Bytes written to the target so far. */
    public long storedBytes() {
        return target.count;
    }

    public BlockIndex index() {
        return new BlockIndex(BlockIndex.VERSION, compressed, blockBytes, original, lines, lastByte == '\n', blocks);
    }

    /** Counts what reaches the target. */
    private static final class Counting extends FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        OutputStream out() {
            return out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
