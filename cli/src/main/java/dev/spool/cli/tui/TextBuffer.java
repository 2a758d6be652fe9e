package dev.spool.cli.tui;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lines to read: scrolled with the keys, searched with {@code /} and {@code n}/{@code N}, the matches highlighted.
 * Text may be appended from another thread as it arrives (a live log); at most {@link #MAX_LINES} are kept, the
 * oldest dropped first. While the view is at its end it stays there as lines come in.
 */
final class TextBuffer {

    static final int MAX_LINES = 200_000;

    private final List<String> lines = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private long dropped;
    private int top;
    private boolean atEnd = true;
    private String search = "";
    private int match = -1;

    synchronized void append(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lines.add(partial.toString());
                partial.setLength(0);
            } else if (c != '\r') {
                partial.append(c);
            }
        }
        if (lines.size() > MAX_LINES) {
            int excess = lines.size() - MAX_LINES;
            lines.subList(0, excess).clear();
            dropped += excess;
            top = Math.max(0, top - excess);
            match = match - excess;
        }
    }

    synchronized void replace(List<String> text) {
        lines.clear();
        partial.setLength(0);
        lines.addAll(text);
        top = Math.min(top, Math.max(0, lines.size() - 1));
    }

    synchronized int size() {
        return lines.size() + (partial.isEmpty() ? 0 : 1);
    }

    private String line(int index) {
        return index < lines.size() ? lines.get(index) : partial.toString();
    }

    synchronized void draw(Canvas canvas, int firstRow, int rows) {
        int size = size();
        if (atEnd) {
            top = Math.max(0, size - rows);
        }
        String needle = search.toLowerCase(Locale.ROOT);
        for (int i = 0; i < rows && top + i < size; i++) {
            int index = top + i;
            String text = line(index);
            boolean current = index == match;
            canvas.text(firstRow + i, 0, text, current ? TextColor.ANSI.BLACK : null, false);
            if (!needle.isEmpty()) {
                String lower = text.toLowerCase(Locale.ROOT);
                for (int at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length())) {
                    canvas.text(firstRow + i, at, text.substring(at, at + needle.length()), current ? TextColor.ANSI.RED : TextColor.ANSI.YELLOW, true);
                }
            }
        }
    }

    synchronized String position(int rows) {
        int size = size();
        return (size == 0 ? "empty" : "lines " + (top + 1) + "-" + Math.min(size, top + rows) + " of " + size)
                + (dropped > 0 ? " (" + dropped + " earlier lines dropped)" : "") + (atEnd ? "  [following the end]" : "");
    }

    /** Scrolls on a key; answers whether it was a key of its own. */
    synchronized boolean scroll(KeyStroke key, int rows) {
        KeyType type = key.getKeyType();
        Character c = type == KeyType.Character ? key.getCharacter() : null;
        int size = size();
        int last = Math.max(0, size - rows);
        if (type == KeyType.ArrowDown || (c != null && c == 'j')) {
            top++;
        } else if (type == KeyType.ArrowUp || (c != null && c == 'k')) {
            top--;
        } else if (type == KeyType.PageDown || (c != null && c == ' ')) {
            top += rows;
        } else if (type == KeyType.PageUp) {
            top -= rows;
        } else if (type == KeyType.Home || (c != null && c == 'g')) {
            top = 0;
        } else if (type == KeyType.End || (c != null && c == 'G')) {
            top = last;
        } else {
            return false;
        }
        top = Math.max(0, Math.min(top, last));
        atEnd = top >= last;
        return true;
    }

    /** Finds {@code text} from the top line on; the message says where, or that it is not there. */
    synchronized String search(String text, int rows) {
        search = text;
        match = -1;
        return text.isEmpty() ? "search cleared" : next(true, rows, top);
    }

    synchronized String next(boolean forward, int rows) {
        return search.isEmpty() ? "no search: press / first" : next(forward, rows, forward ? match + 1 : match - 1);
    }

    private String next(boolean forward, int rows, int from) {
        String needle = search.toLowerCase(Locale.ROOT);
        int size = size();
        int count = 0;
        int found = -1;
        for (int i = 0; i < size; i++) {
            if (line(i).toLowerCase(Locale.ROOT).contains(needle)) {
                count++;
            }
        }
        for (int step = 0; step < size && count > 0; step++) {
            int index = Math.floorMod(forward ? from + step : from - step, size);
            if (line(index).toLowerCase(Locale.ROOT).contains(needle)) {
                found = index;
                break;
            }
        }
        if (found < 0) {
            return "\"" + search + "\" not found";
        }
        match = found;
        atEnd = false;
        top = Math.max(0, Math.min(found - rows / 2, Math.max(0, size - rows)));
        int ordinal = 0;
        for (int i = 0; i <= found; i++) {
            if (line(i).toLowerCase(Locale.ROOT).contains(needle)) {
                ordinal++;
            }
        }
        return "\"" + search + "\": match " + ordinal + " of " + count + " at line " + (found + 1 + dropped);
    }

    synchronized String export(Path file) {
        try {
            List<String> all = new ArrayList<>(lines);
            if (!partial.isEmpty()) {
                all.add(partial.toString());
            }
            Files.write(file, all);
            return "saved " + all.size() + " lines to " + file;
        } catch (IOException e) {
            return "cannot save to " + file + ": " + e.getMessage();
        }
    }
}
