package dev.spool.contracts.blocked;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * Where each block of a stored output starts, so that a reader fetches only the blocks it needs. A stored output is a
 * run of independent gzip members (or, uncompressed, of plain slices), each holding at most {@link #blockBytes} of the
 * original; the object stays a valid {@code .gz} that {@code gzip -dc} reads whole. The worker writes the index while
 * it captures, and it is kept as a small object beside the output ({@link #keyFor}).
 *
 * @param version          the layout, {@link #VERSION}
 * @param compressed       whether the blocks are gzip members; otherwise the object is the original bytes
 * @param blockBytes       the most original bytes a block holds
 * @param originalBytes    the original bytes the object holds
 * @param lines            newlines in them
 * @param endsWithNewline  whether the last byte is a newline: if not, the last line has none and still counts
 * @param blocks           in order, the first at offset 0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BlockIndex(int version, boolean compressed, long blockBytes, long originalBytes, long lines, boolean endsWithNewline,
                         List<Block> blocks) {

    public static final int VERSION = 1;
    /** 1 MiB: the last lines of any output are one or two blocks away, and 10 GiB index in about 400 KB. */
    public static final int DEFAULT_BLOCK_BYTES = 1 << 20;
    public static final String SUFFIX = ".index";

    public BlockIndex {
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }

    /**
     * One block, written as {@code [stored_offset, original_offset, lines]} to keep the index small.
     *
     * @param storedOffset   where the block starts in the object
     * @param originalOffset where its bytes start in the original
     * @param lines          newlines in the block
     */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"storedOffset", "originalOffset", "lines"})
    public record Block(long storedOffset, long originalOffset, long lines) {
    }

    /** The index object of an output's object. */
    public static String keyFor(String objectKey) {
        return objectKey + SUFFIX;
    }

    /**
     * What to fetch and how to cut it: the object's bytes {@code [storedFrom, storedTo)}, which decode to the
     * original from {@code originalFrom}; skip {@code skipLines} newlines, or else {@code skipBytes} bytes, of what
     * they decode to, then pass on at most {@code limitLines} lines (-1: any) and {@code limitBytes} bytes (-1: any).
     */
    public record Span(long storedFrom, long storedTo, long originalFrom, long skipLines, long skipBytes, long limitLines,
                       long limitBytes) {

        public long storedLength() {
            return storedTo - storedFrom;
        }
    }

    /** The last {@code n} lines. */
    public Span tailLines(long n, long objectBytes) {
        if (blocks.isEmpty() || n <= 0) {
            return new Span(0, 0, 0, 0, 0, 0, 0);
        }
        // The last n lines begin just after this newline (1-based; 0 or less: at the start).
        long startAfter = lines - n + (endsWithNewline ? 0 : 1);
        if (startAfter <= 0) {
            return new Span(0, objectBytes, 0, 0, 0, -1, -1);
        }
        long before = 0;
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (before + block.lines() >= startAfter) {
                return new Span(block.storedOffset(), objectBytes, block.originalOffset(), startAfter - before, 0, -1, -1);
            }
            before += block.lines();
        }
        return new Span(objectBytes, objectBytes, originalBytes, 0, 0, 0, 0);
    }

    /** The first {@code n} lines. */
    public Span headLines(long n, long objectBytes) {
        if (blocks.isEmpty() || n <= 0) {
            return new Span(0, 0, 0, 0, 0, 0, 0);
        }
        long seen = 0;
        for (int i = 0; i < blocks.size(); i++) {
            seen += blocks.get(i).lines();
            if (seen >= n) {
                return new Span(0, storedEnd(i, objectBytes), 0, 0, 0, n, -1);
            }
        }
        return new Span(0, objectBytes, 0, 0, 0, n, -1);
    }

    /** The original's bytes {@code [from, to]}, both included, as an HTTP range names them; {@code to} within the original. */
    public Span bytes(long from, long to, long objectBytes) {
        int first = blockAt(from);
        int last = blockAt(to);
        Block start = blocks.get(first);
        return new Span(start.storedOffset(), storedEnd(last, objectBytes), start.originalOffset(), 0, from - start.originalOffset(), -1,
                to - from + 1);
    }

    private long storedEnd(int block, long objectBytes) {
        return block + 1 < blocks.size() ? blocks.get(block + 1).storedOffset() : objectBytes;
    }

    /** The block that holds the original's byte at {@code offset}. */
    private int blockAt(long offset) {
        int low = 0;
        int high = blocks.size() - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (blocks.get(middle).originalOffset() <= offset) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }
}
