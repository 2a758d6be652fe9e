package dev.spool.scheduler.messaging;

import dev.spool.contracts.Topics;
import dev.spool.contracts.WireMessage;
import dev.spool.contracts.WorkerStatus;
import dev.spool.scheduler.model.WorkerRow;
import dev.spool.scheduler.repository.WorkerRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps the workers' latest announcements, which set how much work the dispatcher keeps in flight. */
@ApplicationScoped
public class WorkerStatusConsumer {

    private static final Logger LOG = Logger.getLogger(WorkerStatusConsumer.class);

    private final WorkerRepository workers;

    public WorkerStatusConsumer(WorkerRepository workers) {
        this.workers = workers;
    }

    @Incoming("worker-status")
    public Uni<Void> onStatus(List<WorkerStatus> batch) {
        Map<String, WorkerStatus> latest = new LinkedHashMap<>();
        WireMessage.usable(Topics.WORKER_STATUS, batch).forEach(status -> latest.merge(status.workerId(), status, (a, b) -> b.at().isAfter(a.at()) ? b : a));
        return Panache.withTransaction(() -> Multi.createFrom().iterable(latest.values())
                        .onItem().transformToUniAndConcatenate(this::upsert)
                        .collect().last())
                .onFailure().invoke(e -> LOG.warnf(e, "worker announcements not recorded; the next ones will be"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<WorkerRow> upsert(WorkerStatus status) {
        return workers.findById(status.workerId()).chain(found -> {
            WorkerRow row = found != null ? found : new WorkerRow();
            if (found != null && found.lastSeenAt.isAfter(status.at())) {
                return Uni.createFrom().item(found);
            }
            row.id = status.workerId();
            row.capacity = status.stopping() ? 0 : status.capacity();
            row.running = status.running();
            row.stopping = status.stopping();
            row.lastSeenAt = status.at();
            row.address = status.address();
            if (found == null) {
                LOG.infof("worker %s announced itself with %d slots", status.workerId(), status.capacity());
                return workers.persist(row);
            }
            return Uni.createFrom().item(row);
        });
    }
}
