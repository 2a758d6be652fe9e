package dev.spool.contracts;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Applies a consumer's batches so that one message that can never be applied holds back the others for a moment
 * only. A failing batch is tried again twice; if it still fails while the database answers, each message is applied
 * alone and the one that fails is set aside (dead-lettered, its task ended with the reason). While the database does
 * not answer, nothing is set aside: the batch waits and is tried again, for as long as it takes.
 *
 * @param <T> what is applied
 */
public final class PoisonIsolation<T> implements Function<List<T>, CompletionStage<Void>> {

    private static final long[] QUICK_RETRIES_MS = {200, 800};
    private static final long SLOW_RETRY_MS = 5_000;

    private final Function<List<T>, CompletionStage<Void>> apply;
    private final Supplier<CompletionStage<Boolean>> healthy;
    private final BiFunction<T, Throwable, CompletionStage<Void>> setAside;
    private final Supplier<Executor> context;

    /**
     * @param apply    applies a batch in one go
     * @param healthy  whether what {@code apply} depends on (the database) answers now
     * @param setAside what to do with a message that fails alone while everything else works
     * @param context  where each try must run, such as the consumer's Vert.x context, captured at the start of a batch
     */
    public PoisonIsolation(Function<List<T>, CompletionStage<Void>> apply, Supplier<CompletionStage<Boolean>> healthy,
                           BiFunction<T, Throwable, CompletionStage<Void>> setAside, Supplier<Executor> context) {
        this.apply = apply;
        this.healthy = healthy;
        this.setAside = setAside;
        this.context = context;
    }

    @Override
    public CompletionStage<Void> apply(List<T> batch) {
        return batch(batch, 0, context.get());
    }

    private CompletionStage<Void> batch(List<T> items, int tries, Executor onContext) {
        return attempt(items).exceptionallyCompose(failure -> {
            if (tries < QUICK_RETRIES_MS.length) {
                return later(QUICK_RETRIES_MS[tries], onContext).thenCompose(ignored -> batch(items, tries + 1, onContext));
            }
            return isHealthy().thenCompose(up -> up
                    ? oneByOne(items, 0, onContext)
                    : later(SLOW_RETRY_MS, onContext).thenCompose(ignored -> batch(items, tries, onContext)));
        });
    }

    private CompletionStage<Void> oneByOne(List<T> items, int index, Executor onContext) {
        if (index >= items.size()) {
            return CompletableFuture.completedFuture(null);
        }
        T item = items.get(index);
        List<T> alone = List.of(item);
        return attempt(alone)
                .exceptionallyCompose(first -> later(QUICK_RETRIES_MS[0], onContext).thenCompose(ignored -> attempt(alone)))
                .thenApply(ignored -> true)
                .exceptionallyCompose(failure -> isHealthy().thenCompose(up -> {
                    if (!up) {
                        // The database went away meanwhile: this and the rest wait for it as a batch.
                        return later(SLOW_RETRY_MS, onContext)
                                .thenCompose(ignored -> batch(items.subList(index, items.size()), QUICK_RETRIES_MS.length, onContext))
                                .thenApply(ignored -> false);
                    }
                    return setAside.apply(item, unwrap(failure)).exceptionally(ignored -> null).thenApply(ignored -> true);
                }))
                .thenCompose(goOn -> goOn ? oneByOne(items, index + 1, onContext) : CompletableFuture.completedFuture(null));
    }

    private CompletionStage<Void> attempt(List<T> items) {
        try {
            return apply.apply(items);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<Boolean> isHealthy() {
        try {
            return healthy.get().exceptionally(e -> false);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(false);
        }
    }

    private static CompletionStage<Void> later(long millis, Executor onContext) {
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS, onContext));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
