package dev.spool.contracts.blocked;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of an output's original text a read asks for ({@code tail_lines}, {@code head_lines}, a {@code Range}
 * header, or all of it), and the blocks that hold it. The gateway reads the request with it, and the storage-service
 * serves it: one meaning for both.
 */
public sealed interface TextSelection {

    long MAX_LINES = 10_000_000;

    record Whole() implements TextSelection {
    }

    record TailLines(long lines) implements TextSelection {
    }

    record HeadLines(long lines) implements TextSelection {
    }

    /** Bytes {@code [from, to]} of the original; {@code to} null for "to the end"; {@code suffix}: the last {@code from}. */
    record Bytes(long from, Long to, boolean suffix) implements TextSelection {

        /** As a {@code Range} header says it, for passing the selection on. */
        public String header() {
            return suffix ? "bytes=-" + from : "bytes=" + from + "-" + (to == null ? "" : to);
        }
    }

    /** The bytes a range answer sends, {@code [from, to]} of {@code total}. */
    record Range(long from, long to, long total) {
        public long length() {
            return to - from + 1;
        }

        public String contentRange() {
            return "bytes " + from + "-" + to + "/" + total;
        }
    }

    /** What to fetch, and for a byte range what it answers with. */
    record Resolved(BlockIndex.Span span, Range range) {
    }

    /** A parameter that cannot be read: which one, and what to send instead. */
    final class Invalid extends IllegalArgumentException {
        private final String parameter;

        Invalid(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /** A range outside the original: HTTP's 416, with the original's size. */
    final class Unsatisfiable extends RuntimeException {
        private final long total;

        public Unsatisfiable(long total) {
            super("the range lies outside the output, which has " + total + " bytes"
                    + (total > 0 ? "; ask for bytes 0 to " + (total - 1) : ""));
            this.total = total;
        }

        public long total() {
            return total;
        }
    }

    Pattern BYTE_RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    static TextSelection parse(String tailLines, String headLines, String range) {
        int given = (tailLines != null ? 1 : 0) + (headLines != null ? 1 : 0) + (range != null ? 1 : 0);
        if (given > 1) {
            throw new Invalid(tailLines != null ? "tail_lines" : "head_lines", "give one of tail_lines, head_lines and a Range header, not several");
        }
        if (tailLines != null) {
            return new TailLines(count("tail_lines", tailLines));
        }
        if (headLines != null) {
            return new HeadLines(count("head_lines", headLines));
        }
        return range == null ? new Whole() : bytes(range.strip());
    }

    private static long count(String parameter, String value) {
        try {
            long lines = Long.parseLong(value.strip());
            if (lines >= 1 && lines <= MAX_LINES) {
                return lines;
            }
        } catch (NumberFormatException e) {
            // Said below, with the bounds.
        }
        throw new Invalid(parameter, parameter + " must be a whole number from 1 to " + MAX_LINES + ", got '"
                + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
    }

    private static TextSelection bytes(String range) {
        Matcher matcher = BYTE_RANGE.matcher(range);
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            throw new Invalid("Range", "the Range header is not one byte range: use bytes=FROM-TO, bytes=FROM- or bytes=-LAST "
                    + "(several ranges at once are not served)");
        }
        if (matcher.group(1).isEmpty()) {
            return new Bytes(Long.parseLong(matcher.group(2)), null, true);
        }
        long from = Long.parseLong(matcher.group(1));
        Long to = matcher.group(2).isEmpty() ? null : Long.parseLong(matcher.group(2));
        if (to != null && to < from) {
            throw new Invalid("Range", "the Range header ends before it starts: give bytes=FROM-TO with FROM <= TO");
        }
        return new Bytes(from, to, false);
    }

    /** The blocks to fetch for this selection, out of an object of {@code objectBytes} with this index. */
    default Resolved resolve(BlockIndex index, long objectBytes) {
        return switch (this) {
            case Whole whole -> new Resolved(new BlockIndex.Span(0, objectBytes, 0, 0, 0, -1, -1), null);
            case TailLines tail -> new Resolved(index.tailLines(tail.lines(), objectBytes), null);
            case HeadLines head -> new Resolved(index.headLines(head.lines(), objectBytes), null);
            case Bytes bytes -> {
                long total = index.originalBytes();
                long from = bytes.suffix() ? Math.max(0, total - bytes.from()) : bytes.from();
                long to = bytes.suffix() || bytes.to() == null ? total - 1 : Math.min(bytes.to(), total - 1);
                if (total == 0 || from >= total || (bytes.suffix() && bytes.from() == 0)) {
                    throw new Unsatisfiable(total);
                }
                yield new Resolved(index.bytes(from, to, objectBytes), new Range(from, to, total));
            }
        };
    }
}
