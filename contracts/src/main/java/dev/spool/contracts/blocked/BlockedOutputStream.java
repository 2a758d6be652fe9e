package dev.spool.contracts.blocked;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an output as {@link BlockIndex} describes it: a new gzip member (or, uncompressed, a new slice) every
 * {@code blockBytes} of the original, while it counts each block's newlines. Memory is a deflater and a buffer,
 * whatever the output's size. {@link #index()} is complete once the stream is closed.
 */
public final class BlockedOutputStream extends OutputStream {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Counting target;
    private final boolean compressed;
    private final int level;
    private final long blockBytes;
    private final List<BlockIndex.Block> blocks = new ArrayList<>();
    private OutputStream member;
    private long inBlock;
    private long blockLines;
    private long original;
    private long lines;
    private int lastByte = -1;
    private boolean closed;

    public BlockedOutputStream(OutputStream target, boolean compressed, int level, long blockBytes) {
        this.target = new Counting(target);
        this.compressed = compressed;
        this.level = level;
        this.blockBytes = blockBytes;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (member == null) {
                startBlock();
            }
            int n = (int) Math.min(length, blockBytes - inBlock);
            member.write(bytes, offset, n);
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
        // Before the member: a gzip member writes its header as it is made.
        blocks.add(new BlockIndex.Block(target.count, original, 0));
        member = compressed ? new LeveledGzip(new Unclosed(target), level) : new Unclosed(target);
        inBlock = 0;
        blockLines = 0;
    }

    private void endBlock() throws IOException {
        member.close(); // ends the gzip member; the target stays open
        int last = blocks.size() - 1;
        BlockIndex.Block block = blocks.get(last);
        blocks.set(last, new BlockIndex.Block(block.storedOffset(), block.originalOffset(), blockLines));
        lines += blockLines;
        member = null;
    }

    @Override
    public void flush() throws IOException {
        if (member != null) {
            member.flush();
        }
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
            if (member != null) {
                endBlock();
            }
        } finally {
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

    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(OutputStream out, int level) throws IOException {
            super(out, BUFFER_BYTES);
            def.setLevel(level < 0 ? Deflater.DEFAULT_COMPRESSION : level);
        }
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

    /** Lets a member close without closing the stream the members share. */
    private static final class Unclosed extends FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
