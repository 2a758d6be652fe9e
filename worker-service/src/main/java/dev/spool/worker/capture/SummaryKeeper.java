package dev.spool.worker.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code summary}: an extractive digest, no model needed. It keeps whole lines from the start and the end, and
 * from the part in between every line that matches one of the patterns (errors, warnings, exceptions, failed
 * assertions by default), repeats folded into one line with a count. The whole text, notes included, stays within
 * the budget. A stream that fits the budget is kept as it is.
 *
 * <p>A quarter of the budget goes to the first lines, a quarter to the last, and the rest to the matching lines.
 * Lines are looked at as they leave the window of last lines, so memory stays bounded however long the stream.
 */
final class SummaryKeeper implements OutputKeeper {

    private static final Pattern DIGITS = Pattern.compile("\\d+");

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

    private final Map<String, Match> matches = new LinkedHashMap<>();
    private int matchBytes;
    private long matchesLeftOut;

    SummaryKeeper(int budget, SummaryPatterns.LineFilter filter) {
        this.budget = budget;
        this.filter = filter;
        this.verbatim = new byte[budget];
        this.line = new byte[Math.max(64, budget / 4)];
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
            if (whole && headBytes + bytes.length <= budget / 4) {
                headLines.add(bytes);
                headBytes += bytes.length;
                return;
            }
            headOpen = false;
        }
        if (!whole) {
            // A clipped line can be neither first nor last verbatim: all before it is in the middle now.
            while (!tailLines.isEmpty()) {
                leftMiddle(tailLines.removeFirst(), -1);
            }
            tailBytes = 0;
            leftMiddle(bytes, length);
            return;
        }
        tailLines.addLast(bytes);
        tailBytes += bytes.length;
        while (tailBytes > budget / 4) {
            byte[] evicted = tailLines.removeFirst();
            tailBytes -= evicted.length;
            leftMiddle(evicted, -1);
        }
    }

    /** A line of the middle part; {@code fullLength} is set when {@code bytes} holds only its start. */
    private void leftMiddle(byte[] bytes, long fullLength) {
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
        String key = DIGITS.matcher(text).replaceAll("#");
        Match match = matches.get(key);
        if (match != null) {
            match.count++;
            return;
        }
        if (matchBytes + bytes.length > budget / 2) {
            matchesLeftOut++;
            return;
        }
        matches.put(key, new Match(text, bytes.length));
        matchBytes += bytes.length;
    }

    @Override
    public Kept render(int budget, StreamTotals totals) {
        if (verbatim != null && totals.bytes() <= budget) {
            return new KeptText().original(verbatim, 0, verbatimSize).build();
        }
        List<byte[]> first = firstLinesWithin(budget / 4);
        List<byte[]> last = lastLinesWithin(budget / 4);
        long firstBytes = sizeOf(first);
        long lastBytes = sizeOf(last);
        long droppedLines = totals.newlines() - newlinesOf(first) - newlinesOf(last);

        KeptText kept = new KeptText();
        first.forEach(kept::original);
        kept.marker(totals.bytes() - firstBytes - lastBytes, droppedLines);
        long room = budget - kept.encodedBytes() - lastBytes - 1;
        appendMatches(kept, room);
        last.forEach(kept::original);
        return kept.build();
    }

    private void appendMatches(KeptText kept, long room) {
        if (matches.isEmpty() && matchesLeftOut == 0) {
            return;
        }
        String header = String.format(Locale.ROOT, "[summary of the cut part: %,d lines like errors or warnings]\n",
                matches.values().stream().mapToLong(m -> m.count).sum() + matchesLeftOut);
        String footerIfComplete = "[end of summary]\n";
        String footerReserve = String.format(Locale.ROOT, "[... and %,d more such lines left out]\n", Long.MAX_VALUE / 2);
        long left = room - utf8Length(header) - utf8Length(footerReserve);
        if (left < 0) {
            return;
        }
        kept.note(header);
        long shown = 0;
        long notShown = matchesLeftOut;
        for (Iterator<Match> it = matches.values().iterator(); it.hasNext(); ) {
            Match match = it.next();
            String entry = match.count > 1
                    ? String.format(Locale.ROOT, "%s [repeated %,d times]\n", match.text, match.count)
                    : match.text + "\n";
            long size = utf8Length(entry);
            if (size <= left) {
                kept.excerpt(entry, match.bytes);
                left -= size;
                shown++;
            } else {
                notShown += match.count;
            }
        }
        kept.note(notShown == 0 ? footerIfComplete
                : String.format(Locale.ROOT, "[... and %,d more such lines left out]\n", notShown));
    }

    private List<byte[]> firstLinesWithin(long bytes) {
        List<byte[]> first = new ArrayList<>();
        long used = 0;
        for (byte[] each : headLines) {
            if (used + each.length > bytes) {
                break;
            }
            first.add(each);
            used += each.length;
        }
        return first;
    }

    private List<byte[]> lastLinesWithin(long bytes) {
        ArrayDeque<byte[]> last = new ArrayDeque<>();
        long used = 0;
        for (Iterator<byte[]> it = tailLines.descendingIterator(); it.hasNext(); ) {
            byte[] each = it.next();
            if (used + each.length > bytes) {
                break;
            }
            last.addFirst(each);
            used += each.length;
        }
        return new ArrayList<>(last);
    }

    private static long sizeOf(List<byte[]> lines) {
        return lines.stream().mapToLong(l -> l.length).sum();
    }

    private static long newlinesOf(List<byte[]> lines) {
        return lines.stream().mapToLong(l -> Utf8.countNewlines(l, 0, l.length)).sum();
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static final class Match {
        private final String text;
        private final int bytes;
        private long count = 1;

        private Match(String text, int bytes) {
            this.text = text;
            this.bytes = bytes;
        }
    }
}
