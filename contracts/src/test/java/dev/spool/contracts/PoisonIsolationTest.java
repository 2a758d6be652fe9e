package dev.spool.contracts;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PoisonIsolationTest {

    private final List<String> applied = Collections.synchronizedList(new ArrayList<>());
    private final List<String> setAside = Collections.synchronizedList(new ArrayList<>());

    /** Applies a batch only when it holds no "poison"; the batch is all or nothing, as a transaction is. */
    private CompletionStage<Void> apply(List<String> batch) {
        if (batch.contains("poison")) {
            return CompletableFuture.failedFuture(new IllegalStateException("cannot store poison"));
        }
        applied.addAll(batch);
        return CompletableFuture.completedFuture(null);
    }

    private PoisonIsolation<String> isolation(AtomicBoolean healthy) {
        return new PoisonIsolation<>(this::apply, () -> CompletableFuture.completedFuture(healthy.get()),
                (item, failure) -> {
                    setAside.add(item + ": " + failure.getMessage());
                    return CompletableFuture.completedFuture(null);
                }, () -> Runnable::run);
    }

    @Test
    void aPoisonMessageIsSetAsideWithItsReasonAndTheRestOfItsBatchIsApplied() throws Exception {
        isolation(new AtomicBoolean(true)).apply(List.of("a", "poison", "b")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(applied).containsExactly("a", "b");
        assertThat(setAside).containsExactly("poison: cannot store poison");
    }

    @Test
    void whileTheServersDoNotAnswerNothingIsSetAsideAndTheBatchWaits() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean(false);
        AtomicInteger tries = new AtomicInteger();
        PoisonIsolation<String> isolation = new PoisonIsolation<>(batch -> {
            // The database is away: every try fails, until it is back.
            if (tries.incrementAndGet() < 5) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            }
            healthy.set(true);
            return apply(batch);
        }, () -> CompletableFuture.completedFuture(healthy.get()), (item, failure) -> {
            setAside.add(item);
            return CompletableFuture.completedFuture(null);
        }, () -> Runnable::run);
        isolation.apply(List.of("a", "b")).toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(setAside).isEmpty();
        assertThat(applied).containsExactly("a", "b");
        assertThat(tries.get()).isEqualTo(5);
    }

    @Test
    void aBatchThatFailsOnceIsAppliedWholeWhenTriedAgain() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        PoisonIsolation<String> isolation = new PoisonIsolation<>(batch -> tries.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("deadlock detected"))
                : apply(batch), () -> CompletableFuture.completedFuture(true), (item, failure) -> {
            setAside.add(item);
            return CompletableFuture.completedFuture(null);
        }, () -> Runnable::run);
        isolation.apply(List.of("a", "b")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(applied).containsExactly("a", "b");
        assertThat(setAside).isEmpty();
        assertThat(tries.get()).isEqualTo(2);
    }
}
