package dev.spool.worker.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The lines of a summary's cut part that matched its patterns, and how they are shown. Agents read this, so it must
 * not lie: distinct lines are shown verbatim while they fit; only when they do not are lines that differ in their
 * digits alone grouped, the marker giving their number and showing the first and the last. Identical lines are
 * folded into one with their count. Memory is bounded by {@code capacity} bytes of distinct text.
 */
final class MatchedLines {

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final long capacity;
    private long storedBytes;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byText = new HashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private long leftOut;

    MatchedLines(long capacity) {
        this.capacity = capacity;
    }

    void add(String text, int bytes) {
        add(text, bytes, 1);
    }

    private void add(String text, int bytes, long times) {
        Entry same = byText.get(text);
        if (same != null) {
            same.count += times;
            groups.get(same.key).lastText = text;
            return;
        }
        String key = DIGITS.matcher(text).replaceAll("#");
        Group group = groups.get(key);
        if (storedBytes + bytes > capacity && group == null) {
            makeRoom(bytes);
        }
        if (storedBytes + bytes > capacity) {
            if (group != null) {
                group.unstored += times;
                group.lastText = text;
            } else {
                leftOut += times;
            }
            return;
        }
        Entry entry = new Entry(text, bytes, key);
        entry.count = times;
        entries.add(entry);
        byText.put(text, entry);
        storedBytes += bytes;
        if (group == null) {
            group = new Group();
            groups.put(key, group);
        }
        group.members.add(entry);
        group.lastText = text;
    }

    /**
     * Frees room for a line unlike any kept, so that a flood of similar lines cannot crowd out a distinct one: the
     * largest group keeps its first line and counts the others, which are shown grouped whatever the budget.
     */
    private void makeRoom(int bytes) {
        while (storedBytes + bytes > capacity) {
            Group largest = null;
            for (Group group : groups.values()) {
                if (group.members.size() > 1 && (largest == null || group.members.size() > largest.members.size())) {
                    largest = group;
                }
            }
            if (largest == null) {
                return;
            }
            List<Entry> dropped = largest.members.subList(1, largest.members.size());
            for (Entry entry : dropped) {
                largest.unstored += entry.count;
                storedBytes -= entry.bytes;
                byText.remove(entry.text);
            }
            java.util.Set<Entry> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            gone.addAll(dropped);
            entries.removeIf(gone::contains);
            dropped.clear();
        }
    }

    /** The lines of {@code later} after these, in their order. */
    void addAll(MatchedLines later) {
        for (Entry entry : later.entries) {
            add(entry.text, entry.bytes, entry.count);
        }
        later.groups.forEach((key, group) -> {
            if (group.unstored > 0) {
                Group own = groups.computeIfAbsent(key, ignored -> new Group());
                own.unstored += group.unstored;
                own.lastText = group.lastText;
            }
        });
        leftOut += later.leftOut;
    }

    boolean isEmpty() {
        return entries.isEmpty() && leftOut == 0 && groups.values().stream().allMatch(group -> group.unstored == 0);
    }

    /** Writes the summary of the cut part into {@code kept}, within {@code room} bytes, or nothing when it cannot fit. */
    void render(KeptText kept, long room) {
        if (isEmpty()) {
            return;
        }
        long total = leftOut + groups.values().stream().mapToLong(Group::lines).sum();
        String header = String.format(Locale.ROOT, "[summary of the cut part: %,d lines like errors or warnings]\n", total);
        String footerReserve = String.format(Locale.ROOT, "[... and %,d more such lines left out]\n", Long.MAX_VALUE / 2);
        long left = room - utf8Length(header) - utf8Length(footerReserve);
        if (left < 0) {
            return;
        }
        groupUntilFits(left);
        kept.note(header);
        long notShown = leftOut;
        for (Entry entry : entries) {
            Group group = groups.get(entry.key);
            if (group.grouped) {
                if (group.members.getFirst() != entry) {
                    continue;
                }
                long size = group.groupedSize();
                if (size <= left) {
                    group.writeGrouped(kept);
                    left -= size;
                } else {
                    notShown += group.lines();
                }
            } else if (entry.size() <= left) {
                kept.excerpt(entry.render(), entry.bytes);
                left -= entry.size();
            } else {
                notShown += entry.count;
            }
        }
        kept.note(notShown == 0 ? "[end of summary]\n"
                : String.format(Locale.ROOT, "[... and %,d more such lines left out]\n", notShown));
    }

    /** Groups similar lines, those that save the most first, only while the lines shown one by one do not fit. */
    private void groupUntilFits(long room) {
        for (Group group : groups.values()) {
            group.grouped = group.unstored > 0 && group.lines() > 1;
        }
        long size = groups.values().stream().mapToLong(Group::shownSize).sum();
        while (size > room) {
            Group best = null;
            long bestSaving = 0;
            for (Group group : groups.values()) {
                long saving = group.grouped ? 0 : group.ungroupedSize() - group.groupedSize();
                if (saving > bestSaving) {
                    best = group;
                    bestSaving = saving;
                }
            }
            if (best == null) {
                return;
            }
            best.grouped = true;
            size -= bestSaving;
        }
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static final class Entry {
        private final String text;
        private final int bytes;
        private final String key;
        private long count;
        private long size = -1;

        private Entry(String text, int bytes, String key) {
            this.text = text;
            this.bytes = bytes;
            this.key = key;
        }

        String render() {
            return count > 1 ? String.format(Locale.ROOT, "%s [%,d identical lines]\n", text, count) : text + "\n";
        }

        long size() {
            if (size < 0) {
                size = utf8Length(render());
            }
            return size;
        }
    }

    /** Lines alike but for their digits. Those beyond the capacity are only counted; the last line seen is kept. */
    private static final class Group {
        private final List<Entry> members = new ArrayList<>();
        private long unstored;
        private String lastText;
        private boolean grouped;

        long lines() {
            return unstored + members.stream().mapToLong(entry -> entry.count).sum();
        }

        long ungroupedSize() {
            return members.stream().mapToLong(Entry::size).sum();
        }

        long shownSize() {
            return grouped ? groupedSize() : ungroupedSize();
        }

        private String last() {
            return lastText;
        }

        private boolean single() {
            return members.size() == 1 && unstored == 0;
        }

        private String marker() {
            return String.format(Locale.ROOT, "[%,d similar lines grouped; the first and the last:]\n", lines());
        }

        long groupedSize() {
            if (single()) {
                return members.getFirst().size();
            }
            return utf8Length(marker()) + utf8Length(members.getFirst().text) + 1 + utf8Length(last()) + 1;
        }

        void writeGrouped(KeptText kept) {
            Entry first = members.getFirst();
            if (single()) {
                kept.excerpt(first.render(), first.bytes);
                return;
            }
            kept.note(marker());
            kept.excerpt(first.text + "\n", first.bytes);
            String last = last();
            kept.excerpt(last + "\n", utf8Length(last));
        }
    }
}
