package dev.spool.worker.capture;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Followers of a stream: what they see of what came before, what comes after, and what a slow one loses. */
class LiveFeedTest {

    private static void print(LiveFeed feed, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        feed.publish(bytes, 0, bytes.length);
    }

    private static String read(AssertSubscriber<byte[]> reader) {
        StringBuilder text = new StringBuilder();
        reader.getItems().forEach(bytes -> text.append(new String(bytes, StandardCharsets.UTF_8)));
        return text.toString();
    }

    @Test
    void aFollowerGetsWhatCameBeforeThenEachChunkUntilTheEnd() {
        LiveFeed feed = new LiveFeed();
        print(feed, "one\ntwo\n");
        AssertSubscriber<byte[]> reader = feed.follow(-1).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        print(feed, "three\n");
        feed.end();
        reader.awaitCompletion();
        assertThat(read(reader)).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void aLateFollowerAsksForTheLastLinesOnly() {
        LiveFeed feed = new LiveFeed();
        print(feed, "one\ntwo\nthree\nfour");
        AssertSubscriber<byte[]> reader = feed.follow(2).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        feed.end();
        reader.awaitCompletion();
        assertThat(read(reader)).isEqualTo("three\nfour");
        assertThat(LiveFeed.startOfLastLines("a\nb\n".getBytes(StandardCharsets.UTF_8), 5)).isZero();
    }

    @Test
    void aFollowerThatReadsNothingNeverHoldsThePrinterAndLearnsWhatItMissed() {
        LiveFeed feed = new LiveFeed();
        AssertSubscriber<byte[]> stalled = feed.follow(0).subscribe().withSubscriber(AssertSubscriber.create(0));
        byte[] chunk = "x".repeat(64 * 1024 - 1).concat("\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 64; i++) {
            feed.publish(chunk, 0, chunk.length);
        }
        feed.end();
        stalled.request(Long.MAX_VALUE);
        stalled.awaitCompletion();
        String seen = read(stalled);
        assertThat(seen.length()).as("at most its queue, and a marker").isLessThan(LiveFeed.FOLLOWER_QUEUE_BYTES + 200);
        assertThat(seen).contains("bytes not shown: this reader fell behind the task");
        List<String> counts = java.util.regex.Pattern.compile("\\[\\.\\.\\. ([0-9,]+) bytes").matcher(seen).results().map(m -> m.group(1)).toList();
        long shown = seen.chars().filter(c -> c == 'x' || c == '\n').count();
        assertThat(counts).isNotEmpty();
        assertThat(Long.parseLong(counts.getLast().replace(",", ""))).isPositive();
        assertThat(shown).isPositive();
    }
}
