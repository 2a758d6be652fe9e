package dev.spool.state.service;

import dev.spool.contracts.ObjectDeletionRequest;
import dev.spool.state.client.StorageClient;
import dev.spool.state.config.StateConfig;
import dev.spool.state.model.ObjectDeletion;
import dev.spool.state.repository.ObjectDeletionRepository;
import dev.spool.support.Failures;
import dev.spool.support.OwnContext;
import dev.spool.support.Texts;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deletes the objects of pruned records from the bucket, through the storage-service, after the pruning committed.
 * A batch that fails stays queued and is tried again later, waiting longer each time (up to five minutes), so an
 * object storage outage delays the deletions and loses none.
 */
@ApplicationScoped
public class ObjectDeletionSweeper {

    private static final Logger LOG = Logger.getLogger(ObjectDeletionSweeper.class);
    private static final Duration MAX_WAIT = Duration.ofMinutes(5);
    private static final Duration SOON = Duration.ofMillis(200);

    private final ObjectDeletionRepository deletions;
    private final StorageClient storage;
    private final StateConfig config;
    private final MeterRegistry metrics;

    private final io.vertx.core.Vertx vertx;

    public ObjectDeletionSweeper(ObjectDeletionRepository deletions, @RestClient StorageClient storage, StateConfig config,
                                 MeterRegistry metrics, io.vertx.core.Vertx vertx) {
        this.vertx = vertx;
        this.deletions = deletions;
        this.storage = storage;
        this.config = config;
        this.metrics = metrics;
        metrics.gauge("spool.state.object.deletions.queued", this, ignored -> queued);
    }

    private volatile long queued;
    /** One sweep at a time, whichever started it: two would send the same keys twice. */
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final AtomicBoolean soon = new AtomicBoolean();
    /** Asked for while one ran: what was queued meanwhile is swept next, not at the next interval. */
    private final AtomicBoolean again = new AtomicBoolean();

    @Scheduled(every = "${spool.state.housekeeping.deletion-interval:5s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> deletions.due(Instant.now(), ObjectDeletionRequest.MAX_KEYS))
                .invoke(batch -> {
                    if (batch.size() >= ObjectDeletionRequest.MAX_KEYS) {
                        again.set(true); // a full batch may have more behind it
                    }
                })
                .chain(this::deleteBatch)
                .onFailure().invoke(e -> LOG.warnf("deleting pruned objects failed (%s); trying again later", Failures.describe(e)))
                .onFailure().recoverWithNull().replaceWithVoid()
                .eventually(() -> {
                    sweeping.set(false);
                    if (again.getAndSet(false)) {
                        sweepSoon();
                    }
                });
    }

    /**
     * A sweep in a moment, for deletions a pass has just queued: the passes of that moment share its one request to the
     * storage-service. What fails waits for its retry time as always.
     */
    public void sweepSoon() {
        if (soon.compareAndSet(false, true)) {
            vertx.setTimer(SOON.toMillis(), id -> OwnContext.on(vertx.getOrCreateContext()).runOnContext(ignored -> {
                soon.set(false);
                sweep().subscribe().with(done -> { }, failure -> { });
            }));
        }
    }

    /** Works through the queue now, until it is empty or a batch fails; for tests and for prune requests. */
    public Uni<Void> drain() {
        return Panache.withSession(() -> deletions.due(Instant.now(), ObjectDeletionRequest.MAX_KEYS))
                .chain(batch -> batch.isEmpty() ? Uni.createFrom().voidItem() : deleteBatch(batch).chain(this::drain));
    }

    private Uni<Void> deleteBatch(List<ObjectDeletion> batch) {
        if (batch.isEmpty()) {
            queued = 0;
            return Uni.createFrom().voidItem();
        }
        List<String> keys = batch.stream().map(row -> row.objectKey).toList();
        return storage.delete(new ObjectDeletionRequest(keys))
                // On a context of its own: the storage-service's answer may arrive on the HTTP client's.
                .chain(deleted -> OwnContext.run(vertx, () -> Panache.withTransaction(() -> deletions.delete("objectKey in ?1", keys)))
                        .invoke(() -> metrics.counter("spool.state.objects.deleted").increment(keys.size())))
                .replaceWithVoid()
                .onFailure().call(e -> OwnContext.run(vertx, () -> Panache.withTransaction(() -> deletions.list("objectKey in ?1", keys).invoke(rows -> rows.forEach(row -> {
                    row.tries++;
                    long wait = Math.min(MAX_WAIT.toSeconds(), 1L << Math.min(row.tries, 10));
                    row.nextTryAt = Instant.now().plusSeconds(wait);
                    row.lastError = Texts.storable(Failures.describe(e), 500);
                })))).invoke(() -> {
                    metrics.counter("spool.state.objects.delete.failures").increment();
                    LOG.warnf("cannot delete %d pruned objects now (%s); they stay queued and are tried again", keys.size(),
                            Failures.describe(e));
                }));
    }
}
