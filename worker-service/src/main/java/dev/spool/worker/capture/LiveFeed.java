package dev.spool.worker.capture;

import io.smallrye.mutiny.Multi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One stream of a running attempt as its followers read it live: what was printed, secrets already masked, handed to
 * each follower's bounded queue and never waited for. A follower that reads slower than the task prints loses the
 * bytes its queue has no room for, and reads a marker saying how many. The capture thread only copies a chunk per
 * follower, so no number of followers slows the task, and each holds at most {@link #FOLLOWER_QUEUE_BYTES}.
 */
public final class LiveFeed {

    /** What a follower who starts late sees of what came before: the last bytes, at most this many. */
    static final int RECENT_BYTES = 1 << 20;
    static final int FOLLOWER_QUEUE_BYTES = 1 << 20;
    private static final byte[] END = new byte[0];
    private static final java.util.concurrent.Executor HANDOFF = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private final TailBuffer recent = new TailBuffer(RECENT_BYTES);
    private final List<Follower> followers = new CopyOnWriteArrayList<>();
    private long total;
    private boolean ended;

    synchronized void publish(byte[] chunk, int offset, int length) {
        recent.write(chunk, offset, length);
        total += length;
        if (!followers.isEmpty()) {
            byte[] copy = java.util.Arrays.copyOfRange(chunk, offset, offset + length);
            followers.forEach(follower -> follower.offer(copy));
        }
    }

    /** The stream ended: every follower gets what is queued for it, then its end. */
    public synchronized void end() {
        ended = true;
        followers.forEach(Follower::end);
        followers.clear();
    }

    /**
     * The stream from now on, after what came before: its last {@code tailLines} lines, or (negative) all of it that is
     * still held, with a marker for what is not. It ends when the stream ends.
     */
    public synchronized Multi<byte[]> follow(int tailLines) {
        byte[] held = recent.last(recent.held());
        int from = tailLines < 0 ? 0 : startOfLastLines(held, tailLines);
        Follower follower = new Follower();
        if (tailLines < 0 && total > held.length) {
            follower.offer(String.format(java.util.Locale.ROOT, "[... %,d bytes printed before this are in the output once the attempt ends ...]\n",
                    total - held.length).getBytes(StandardCharsets.UTF_8));
        }
        if (from < held.length) {
            follower.offer(java.util.Arrays.copyOfRange(held, from, held.length));
        }
        if (ended) {
            follower.end();
        } else {
            followers.add(follower);
        }
        return Multi.createBy().repeating().completionStage(follower::next).until(bytes -> bytes == END)
                .onTermination().invoke(() -> followers.remove(follower));
    }

    /** Where the last {@code lines} lines of {@code bytes} start; a last line without its newline counts as one. */
    static int startOfLastLines(byte[] bytes, int lines) {
        if (lines == 0) {
            return bytes.length;
        }
        int seen = 0;
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : bytes.length;
        for (int i = end - 1; i >= 0; i--) {
            if (bytes[i] == '\n' && ++seen == lines) {
                return i + 1;
            }
        }
        return 0;
    }

    /** One reader's bounded queue; the capture thread offers, the reader's answer takes. */
    private static final class Follower {
        private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        private int queued;
        private long skipped;
        private boolean ended;
        private CompletableFuture<byte[]> waiting;

        synchronized void offer(byte[] bytes) {
            if (waiting != null) {
                hand(withSkipped(bytes));
                return;
            }
            if (queued + bytes.length > FOLLOWER_QUEUE_BYTES) {
                skipped += bytes.length;
                return;
            }
            queue.add(bytes);
            queued += bytes.length;
        }

        synchronized void end() {
            ended = true;
            if (waiting != null) {
                hand(skipped > 0 ? withSkipped(END) : END);
            }
        }

        synchronized CompletionStage<byte[]> next() {
            byte[] bytes = queue.poll();
            if (bytes != null) {
                queued -= bytes.length;
                return CompletableFuture.completedFuture(withSkipped(bytes));
            }
            if (ended) {
                return CompletableFuture.completedFuture(skipped > 0 ? withSkipped(END) : END);
            }
            waiting = new CompletableFuture<>();
            return waiting;
        }

        /** Completes the waiting read on another thread: the capture thread never runs a reader's writing. */
        private void hand(byte[] bytes) {
            CompletableFuture<byte[]> reader = waiting;
            waiting = null;
            HANDOFF.execute(() -> reader.complete(bytes));
        }

        /** The bytes, after a marker for those this reader had no room for, once it has room again. */
        private byte[] withSkipped(byte[] bytes) {
            if (skipped == 0) {
                return bytes;
            }
            byte[] marker = ("\n[... " + String.format(java.util.Locale.ROOT, "%,d", skipped)
                    + " bytes not shown: this reader fell behind the task ...]\n").getBytes(StandardCharsets.UTF_8);
            skipped = 0;
            byte[] both = java.util.Arrays.copyOf(marker, marker.length + bytes.length);
            System.arraycopy(bytes, 0, both, marker.length, bytes.length);
            return both;
        }
    }
}
