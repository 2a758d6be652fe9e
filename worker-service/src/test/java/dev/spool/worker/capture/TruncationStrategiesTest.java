package dev.spool.worker.capture;

import dev.spool.contracts.TruncationMarker;
import dev.spool.contracts.TruncationStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests: for random text, budgets, line bounds and read sizes, each strategy keeps exactly what its
 * definition says, written here the simple way, on the whole input at once.
 */
class TruncationStrategiesTest {

    private static final String[] PIECES = {"a", "b", "c", " ", "\n", "\n", "\r\n", "é", "€", "😀", "line ", "ERROR x\n"};

    @TempDir
    Path dir;

    @Test
    void headKeepsTheFirstBytesOfEveryInput() throws IOException {
        check(TruncationStrategy.HEAD, (input, budget, lines) -> head(input, budget));
    }

    @Test
    void tailKeepsTheLastBytesOfEveryInput() throws IOException {
        check(TruncationStrategy.TAIL, (input, budget, lines) -> tail(input, budget));
    }

    @Test
    void bothKeepsTheFirstAndTheLastHalfOfTheBudget() throws IOException {
        check(TruncationStrategy.BOTH, (input, budget, lines) -> both(input, budget));
    }

    @Test
    void headLinesKeepsWholeLinesFromTheStart() throws IOException {
        check(TruncationStrategy.HEAD_LINES, TruncationStrategiesTest::headLines);
    }

    @Test
    void tailLinesKeepsWholeLinesFromTheEnd() throws IOException {
        check(TruncationStrategy.TAIL_LINES, TruncationStrategiesTest::tailLines);
    }

    @Test
    void aWholeStreamWithinTheBudgetIsKeptAsItIsByEveryStrategy() throws IOException {
        byte[] input = "first\r\nsecond é\nthird without newline".getBytes(StandardCharsets.UTF_8);
        for (TruncationStrategy strategy : TruncationStrategy.values()) {
            Kept kept = Captures.capture(dir, input, strategy, input.length, 0, List.of(), 1).kept(input.length);
            assertThat(kept.text()).as(strategy.wireName()).isEqualTo(new String(input, StandardCharsets.UTF_8));
            assertThat(kept.truncated()).isFalse();
            assertThat(kept.keptBytes()).isEqualTo(input.length);
        }
    }

    @Test
    void theLineBoundAppliesEvenWhenTheBytesWouldFit() throws IOException {
        byte[] input = "1\n2\n3\n4\n5\n".getBytes(StandardCharsets.UTF_8);
        Kept head = Captures.capture(dir, input, TruncationStrategy.HEAD_LINES, 1000, 2, List.of(), 1).kept(1000);
        assertThat(head.text()).isEqualTo("1\n2\n[... 6 bytes (3 lines) truncated ...]\n");
        Kept tail = Captures.capture(dir, input, TruncationStrategy.TAIL_LINES, 1000, 2, List.of(), 1).kept(1000);
        assertThat(tail.text()).isEqualTo("[... 6 bytes (3 lines) truncated ...]\n4\n5\n");
    }

    @Test
    void aSingleLineLongerThanTheBudgetStillShowsItsStartOrEnd() throws IOException {
        byte[] input = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);
        assertThat(Captures.capture(dir, input, TruncationStrategy.HEAD_LINES, 100, 10, List.of(), 1).kept(100).keptBytes()).isEqualTo(100);
        assertThat(Captures.capture(dir, input, TruncationStrategy.TAIL_LINES, 100, 10, List.of(), 1).kept(100).text())
                .isEqualTo("[... 4,900 bytes (0 lines) truncated ...]\n" + "x".repeat(100));
    }

    @Test
    void aSmallerBudgetAskedForLaterKeepsWhatTheDefinitionSaysForIt() throws IOException {
        Random random = new Random(11);
        for (int run = 0; run < 200; run++) {
            byte[] input = randomText(random, random.nextInt(4000));
            int budget = random.nextInt(3000);
            int smaller = budget == 0 ? 0 : random.nextInt(budget + 1);
            int lines = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(30);
            for (TruncationStrategy strategy : List.of(TruncationStrategy.HEAD, TruncationStrategy.TAIL, TruncationStrategy.BOTH,
                    TruncationStrategy.HEAD_LINES, TruncationStrategy.TAIL_LINES)) {
                CaptureResult result = Captures.capture(dir, input, strategy, budget, lines, List.of(), run);
                Kept expected = Captures.capture(dir, input, strategy, smaller, lines, List.of(), run).kept(smaller);
                assertThat(result.kept(smaller)).as("%s, %d bytes, budget %d then %d", strategy, input.length, budget, smaller)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void summaryKeepsFirstAndLastLinesAndTheErrorsBetweenWithinTheBudget() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            log.append("step ").append(i).append(" ok\n");
            if (i % 1000 == 500) {
                log.append("ERROR: disk quota exceeded on node ").append(i).append('\n');
            }
            if (i == 2500) {
                log.append("java.lang.IllegalStateException: broken pipe\n");
            }
        }
        byte[] input = log.toString().getBytes(StandardCharsets.UTF_8);
        Kept kept = Captures.capture(dir, input, TruncationStrategy.SUMMARY, 2048, 0, List.of(), 3).kept(2048);

        assertThat(kept.truncated()).isTrue();
        assertThat(kept.text().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
        assertThat(kept.text()).startsWith("step 0 ok\nstep 1 ok\n").endsWith("step 4998 ok\nstep 4999 ok\n");
        assertThat(kept.text()).contains("ERROR: disk quota exceeded on node 500\n", "ERROR: disk quota exceeded on node 1500\n",
                "ERROR: disk quota exceeded on node 4500\n", "java.lang.IllegalStateException: broken pipe\n",
                "[summary of the cut part: 6 lines like errors or warnings]");
        assertThat(kept.text()).doesNotContain("step 2500 ok", "repeated", "grouped");
    }

    @Test
    void summaryKeepsDistinctErrorsVerbatimAndUsesTheBudget() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            log.append(i % 997 == 0 ? "ERROR: boom " + i : "line " + i).append('\n');
        }
        Kept kept = Captures.capture(dir, log.toString().getBytes(StandardCharsets.UTF_8), TruncationStrategy.SUMMARY, 2000, 0,
                List.of(), 11).kept(2000);

        for (int i = 0; i < 5000; i += 997) {
            assertThat(kept.text()).contains("ERROR: boom " + i + "\n");
        }
        assertThat(kept.text()).doesNotContain("repeated", "similar");
        assertThat(kept.text().getBytes(StandardCharsets.UTF_8).length).isBetween(1800, 2000);
    }

    @Test
    void summaryGroupsSimilarLinesOnlyWhenTheyDoNotFitAndShowsTheFirstAndTheLast() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            log.append("line ").append(i).append('\n');
            if (i >= 1000 && i < 1400) {
                log.append("ERROR: boom ").append(i).append('\n');
            }
            if (i == 1200) {
                log.append("FATAL: out of disk\n");
            }
        }
        Kept kept = Captures.capture(dir, log.toString().getBytes(StandardCharsets.UTF_8), TruncationStrategy.SUMMARY, 2000, 0,
                List.of(), 12).kept(2000);

        assertThat(kept.text()).contains("[400 similar lines grouped; the first and the last:]\nERROR: boom 1000\nERROR: boom 1399\n",
                "FATAL: out of disk\n", "[end of summary]");
        assertThat(kept.text()).doesNotContain("repeated", "ERROR: boom 1200");
        assertThat(kept.text().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2000);
    }

    @Test
    void summaryFoldsIdenticalLinesWithTheirCount() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            log.append("line ").append(i).append('\n');
            if (i % 100 == 50) {
                log.append("WARNING: cache cold\n");
            }
        }
        Kept kept = Captures.capture(dir, log.toString().getBytes(StandardCharsets.UTF_8), TruncationStrategy.SUMMARY, 1000, 0,
                List.of(), 13).kept(1000);

        assertThat(kept.text()).containsOnlyOnce("WARNING: cache cold").doesNotContain("repeated");
        assertThat(kept.text()).containsPattern("WARNING: cache cold \\[\\d+ identical lines\\]\n");
    }

    @Test
    void summaryMarkerCountsExactlyWhatWasLeftOutAroundTheKeptEnds() throws IOException {
        Random random = new Random(5);
        for (int run = 0; run < 150; run++) {
            byte[] input = randomText(random, random.nextInt(20_000));
            int budget = 256 + random.nextInt(4000);
            Kept kept = Captures.capture(dir, input, TruncationStrategy.SUMMARY, budget, 0, List.of(), run).kept(budget);
            String original = new String(input, StandardCharsets.UTF_8);
            if (input.length <= budget) {
                assertThat(kept.text()).isEqualTo(original);
                continue;
            }
            assertThat(kept.text().getBytes(StandardCharsets.UTF_8).length).as("run %d", run).isLessThanOrEqualTo(budget);
            String text = kept.text();
            int markerStart = text.indexOf("[... ");
            int markerEnd = text.indexOf(" ...]\n", markerStart) + 6;
            String first = text.substring(0, markerStart);
            int summaryEnd = Math.max(text.indexOf("[end of summary]\n"), text.indexOf("more such lines left out]\n"));
            String last = summaryEnd < 0 ? text.substring(markerEnd) : text.substring(text.indexOf('\n', summaryEnd) + 1);
            assertThat(original).startsWith(first).endsWith(last);
            byte[] middle = Arrays.copyOfRange(input, first.getBytes(StandardCharsets.UTF_8).length,
                    input.length - last.getBytes(StandardCharsets.UTF_8).length);
            assertThat(text.substring(markerStart, markerEnd)).isEqualTo(TruncationMarker.of(middle.length, newlines(middle)));
        }
    }

    // --- the definitions, on the whole input ---

    interface Definition {
        String keep(byte[] input, int budget, int maxLines);
    }

    private void check(TruncationStrategy strategy, Definition definition) throws IOException {
        Random random = new Random(strategy.ordinal() * 31L + 7);
        for (int run = 0; run < 400; run++) {
            byte[] input = randomText(random, random.nextInt(run % 10 == 0 ? 20_000 : 3000));
            int budget = random.nextInt(10) == 0 ? 0 : random.nextInt(2500);
            int maxLines = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(40);
            CaptureResult result = Captures.capture(dir, input, strategy, budget, maxLines, List.of(), run);
            Kept kept = result.kept(budget);
            String expected = definition.keep(input, budget, maxLines);
            assertThat(kept.text()).as("%s of %d bytes, budget %d, max_lines %d", strategy, input.length, budget, maxLines)
                    .isEqualTo(expected);
            assertThat(kept.truncated()).isEqualTo(!expected.equals(new String(input, StandardCharsets.UTF_8)));
            assertThat(kept.keptBytes()).isLessThanOrEqualTo(budget);
            assertThat(result.totals().bytes()).isEqualTo(input.length);
            assertThat(Captures.spooled(result)).isEqualTo(input);
        }
    }

    static String head(byte[] input, int budget) {
        if (input.length <= budget) {
            return text(input, 0, input.length);
        }
        int cut = boundaryAtOrBefore(input, budget);
        return withMarkerAfter(text(input, 0, cut), input.length - cut, newlines(input, cut, input.length));
    }

    static String tail(byte[] input, int budget) {
        if (input.length <= budget) {
            return text(input, 0, input.length);
        }
        int start = boundaryAtOrAfter(input, input.length - budget);
        return TruncationMarker.of(start, newlines(input, 0, start)) + text(input, start, input.length);
    }

    static String both(byte[] input, int budget) {
        if (input.length <= budget) {
            return text(input, 0, input.length);
        }
        int headEnd = boundaryAtOrBefore(input, budget - budget / 2);
        int tailStart = boundaryAtOrAfter(input, input.length - budget / 2);
        return withMarkerAfter(text(input, 0, headEnd), tailStart - headEnd, newlines(input, headEnd, tailStart))
                + text(input, tailStart, input.length);
    }

    static String headLines(byte[] input, int budget, int maxLines) {
        List<int[]> lines = lines(input);
        int end = 0;
        int taken = 0;
        for (int[] line : lines) {
            if ((maxLines > 0 && taken == maxLines) || line[1] > budget) {
                break;
            }
            end = line[1];
            taken++;
        }
        if (end == input.length) {
            return text(input, 0, end);
        }
        if (taken == 0) {
            end = boundaryAtOrBefore(input, Math.min(budget, input.length));
        }
        return withMarkerAfter(text(input, 0, end), input.length - end, newlines(input, end, input.length));
    }

    static String tailLines(byte[] input, int budget, int maxLines) {
        List<int[]> lines = lines(input);
        int start = input.length;
        int taken = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            int[] line = lines.get(i);
            if ((maxLines > 0 && taken == maxLines) || input.length - line[0] > budget) {
                break;
            }
            start = line[0];
            taken++;
        }
        if (start == 0) {
            return text(input, 0, input.length);
        }
        if (taken == 0) {
            start = boundaryAtOrAfter(input, input.length - Math.min(budget, input.length));
        }
        return TruncationMarker.of(start, newlines(input, 0, start)) + text(input, start, input.length);
    }

    /** Each line as [start, end), its newline included; a last line without one counts. */
    private static List<int[]> lines(byte[] input) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                lines.add(new int[]{start, i + 1});
                start = i + 1;
            }
        }
        if (start < input.length) {
            lines.add(new int[]{start, input.length});
        }
        return lines;
    }

    private static String withMarkerAfter(String kept, long droppedBytes, long droppedLines) {
        String separator = kept.isEmpty() || kept.endsWith("\n") ? "" : "\n";
        return kept + separator + TruncationMarker.of(droppedBytes, droppedLines);
    }

    private static boolean isBoundary(byte[] input, int index) {
        return index >= input.length || (input[index] & 0xC0) != 0x80;
    }

    private static int boundaryAtOrBefore(byte[] input, int index) {
        while (!isBoundary(input, index)) {
            index--;
        }
        return index;
    }

    private static int boundaryAtOrAfter(byte[] input, int index) {
        while (!isBoundary(input, index)) {
            index++;
        }
        return index;
    }

    private static String text(byte[] input, int from, int to) {
        return new String(input, from, to - from, StandardCharsets.UTF_8);
    }

    private static long newlines(byte[] input, int from, int to) {
        long count = 0;
        for (int i = from; i < to; i++) {
            if (input[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    private static long newlines(byte[] input) {
        return newlines(input, 0, input.length);
    }

    static byte[] randomText(Random random, int pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < pieces; i++) {
            out.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
