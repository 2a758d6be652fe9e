package dev.spool.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Applies what consumers receive in as few transactions as possible: while one batch is being applied, everything
 * that arrives waits, and is then applied together. Under load a transaction covers many messages; when idle, a
 * message is applied at once. Each submission completes when the batch that held it has been applied, so the
 * consumer acknowledges (and Kafka commits) only what is durable.
 *
 * @param <T> what is applied
 */
public final class Coalescer<T> {

    private record Pending<T>(List<T> items, CompletableFuture<Void> done) {
    }

    private final Function<List<T>, CompletionStage<Void>> apply;
    private final Queue<Pending<T>> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean applying = new AtomicBoolean();

    /** @param apply applies everything pending at once; it runs on the thread of the submission that starts it */
    public Coalescer(Function<List<T>, CompletionStage<Void>> apply) {
        this.apply = apply;
    }

    /**
     * @param executor where the batch starts when this submission starts one, such as the consumer's event loop
     */
    public CompletionStage<Void> submit(List<T> items, Executor executor) {
        Pending<T> submission = new Pending<>(List.copyOf(items), new CompletableFuture<>());
        pending.add(submission);
        drain(executor);
        return submission.done();
    }

    private void drain(Executor executor) {
        if (!applying.compareAndSet(false, true)) {
            return;
        }
        List<Pending<T>> taken = new ArrayList<>();
        Pending<T> next;
        while ((next = pending.poll()) != null) {
            taken.add(next);
        }
        if (taken.isEmpty()) {
            applying.set(false);
            // Something may have arrived after the poll and before the flag was cleared.
            if (!pending.isEmpty()) {
                drain(executor);
            }
            return;
        }
        List<T> all = new ArrayList<>();
        taken.forEach(submission -> all.addAll(submission.items()));
        executor.execute(() -> {
            CompletionStage<Void> applied;
            try {
                applied = apply.apply(all);
            } catch (RuntimeException e) {
                applied = CompletableFuture.failedFuture(e);
            }
            applied.whenComplete((ignored, failure) -> {
                for (Pending<T> submission : taken) {
                    if (failure == null) {
                        submission.done().complete(null);
                    } else {
                        submission.done().completeExceptionally(failure);
                    }
                }
                applying.set(false);
                drain(executor);
            });
        });
    }
}
