package dev.spool.worker.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * {@code summary}: an extractive digest, no model needed. It keeps whole lines from the start and the end, and
 * from the part in between every line that matches one of the patterns (errors, warnings, exceptions, failed
 * assertions by default), shown as {@link MatchedLines} says. The whole text, notes included, stays within the
 * budget. A stream that fits the budget is kept as it is.
 *
 * <p>A quarter of the budget goes to the first lines and a quarter to the last; the matching lines take what they
 * need of the rest, and what they leave goes to more first and last lines, so the budget is used. Up to half the
 * budget of lines is held at each end, and lines are looked at as they leave the window of last lines, so memory
 * stays bounded however long the stream.
 */
final class SummaryKeeper implements OutputKeeper {

    private final int budget;
    private final SummaryPatterns.LineFilter filter;

    private byte[] verbatim;
    private int verbatimSize;

    private final byte[] line;
    private int lineSize;
    private long lineLength;

    private final List<byte[]> headLines = new ArrayList<>();
    private int headBytes;
    private boolean headOpen = true;

    private final ArrayDeque<byte[]> tailLines = new ArrayDeque<>();
    private int tailBytes;

    private final MatchedLines middle;

    SummaryKeeper(int budget, SummaryPatterns.LineFilter filter) {
        this.budget = budget;
        this.filter = filter;
        this.verbatim = new byte[budget];
        this.line = new byte[Math.max(64, budget / 4)];
        this.middle = new MatchedLines(budget / 2);
    }

    @Override
    public void accept(byte[] chunk, int offset, int length) {
        keepVerbatim(chunk, offset, length);
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (chunk[i] == '\n') {
                appendToLine(chunk, start, i + 1 - start);
                lineEnded();
                start = i + 1;
            }
        }
        appendToLine(chunk, start, end - start);
    }

    private void keepVerbatim(byte[] chunk, int offset, int length) {
        if (verbatim == null) {
            return;
        }
        if (verbatimSize + length > verbatim.length) {
            verbatim = null;
            return;
        }
        System.arraycopy(chunk, offset, verbatim, verbatimSize, length);
        verbatimSize += length;
    }

    private void appendToLine(byte[] chunk, int offset, int length) {
        int taken = (int) Math.min(length, line.length - lineSize);
        System.arraycopy(chunk, offset, line, lineSize, taken);
        lineSize += taken;
        lineLength += length;
    }

    @Override
    public void finish() {
        if (lineLength > 0) {
            lineEnded();
        }
    }

    private void lineEnded() {
        byte[] bytes = Arrays.copyOf(line, lineSize);
        long length = lineLength;
        lineSize = 0;
        lineLength = 0;
        boolean whole = bytes.length == length;
        if (headOpen) {
            if (whole && headBytes + bytes.length <= budget / 2) {
                headLines.add(bytes);
                headBytes += bytes.length;
                return;
            }
            headOpen = false;
        }
        if (!whole) {
            // A clipped line can be neither first nor last verbatim: all before it is in the middle now.
            while (!tailLines.isEmpty()) {
                addMatching(middle, tailLines.removeFirst(), -1);
            }
            tailBytes = 0;
            addMatching(middle, bytes, length);
            return;
        }
        tailLines.addLast(bytes);
        tailBytes += bytes.length;
        while (tailBytes > budget / 2) {
            byte[] evicted = tailLines.removeFirst();
            tailBytes -= evicted.length;
            addMatching(middle, evicted, -1);
        }
    }

    /** Adds a line of the cut part if it matches; {@code fullLength} is set when {@code bytes} holds only its start. */
    private void addMatching(MatchedLines into, byte[] bytes, long fullLength) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        if (!filter.matches(bytes, end)) {
            return;
        }
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        if (fullLength >= 0) {
            text = text + String.format(Locale.ROOT, " [... line of %,d bytes clipped]", fullLength);
        }
        into.add(text, bytes.length);
    }

    @Override
    public Kept render(int budget, StreamTotals totals) {
        if (verbatim != null && totals.bytes() <= budget) {
            return new KeptText().original(verbatim, 0, verbatimSize).build();
        }
        int first = linesWithin(headLines, budget / 4);
        int last = linesWithin(tailLines.reversed(), budget / 4);
        long matchRoom = budget - firstAndMarkerBytes(totals, first, last) - sizeOf(new ArrayList<>(tailLines).subList(
                tailLines.size() - last, tailLines.size())) - 1;
        Kept kept = render(totals, first, last, matchRoom);
        // What the matching lines left goes to more lines at both ends, as far as the whole still fits. The matching
        // lines keep the room they had, so that more ends never show fewer of them.
        long spare = budget - kept.text().getBytes(StandardCharsets.UTF_8).length;
        while (spare > 0) {
            int moreFirst = linesWithin(headLines.subList(first, headLines.size()), spare / 2);
            int moreLast = linesWithin(tailLines.reversed().stream().skip(last).toList(), spare - spare / 2);
            if (moreFirst + moreLast == 0) {
                break;
            }
            Kept wider = render(totals, first + moreFirst, last + moreLast, matchRoom);
            if (wider.text().getBytes(StandardCharsets.UTF_8).length <= budget) {
                return wider;
            }
            spare /= 2;
        }
        return kept;
    }

    private long firstAndMarkerBytes(StreamTotals totals, int firstCount, int lastCount) {
        List<byte[]> first = headLines.subList(0, firstCount);
        List<byte[]> tail = new ArrayList<>(tailLines);
        List<byte[]> last = tail.subList(tail.size() - lastCount, tail.size());
        KeptText kept = new KeptText();
        first.forEach(kept::original);
        kept.marker(totals.bytes() - sizeOf(first) - sizeOf(last), totals.newlines() - newlinesOf(first) - newlinesOf(last));
        return kept.encodedBytes();
    }

    private Kept render(StreamTotals totals, int firstCount, int lastCount, long matchRoom) {
        List<byte[]> first = headLines.subList(0, firstCount);
        List<byte[]> tail = new ArrayList<>(tailLines);
        List<byte[]> last = tail.subList(tail.size() - lastCount, tail.size());
        long firstBytes = sizeOf(first);
        long lastBytes = sizeOf(last);
        long droppedLines = totals.newlines() - newlinesOf(first) - newlinesOf(last);

        MatchedLines matches = new MatchedLines(Long.MAX_VALUE);
        headLines.subList(firstCount, headLines.size()).forEach(each -> addMatching(matches, each, -1));
        matches.addAll(middle);
        tail.subList(0, tail.size() - lastCount).forEach(each -> addMatching(matches, each, -1));

        KeptText kept = new KeptText();
        first.forEach(kept::original);
        kept.marker(totals.bytes() - firstBytes - lastBytes, droppedLines);
        matches.render(kept, matchRoom);
        last.forEach(kept::original);
        return kept.build();
    }

    /** How many lines from the start of {@code lines} fit in {@code bytes}. */
    private static int linesWithin(Iterable<byte[]> lines, long bytes) {
        int count = 0;
        long used = 0;
        for (Iterator<byte[]> it = lines.iterator(); it.hasNext(); ) {
            byte[] each = it.next();
            if (used + each.length > bytes) {
                break;
            }
            used += each.length;
            count++;
        }
        return count;
    }

    private static long sizeOf(List<byte[]> lines) {
        return lines.stream().mapToLong(l -> l.length).sum();
    }

    private static long newlinesOf(List<byte[]> lines) {
        return lines.stream().mapToLong(l -> Utf8.countNewlines(l, 0, l.length)).sum();
    }
}
