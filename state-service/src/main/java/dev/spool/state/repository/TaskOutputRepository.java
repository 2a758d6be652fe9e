package dev.spool.state.repository;

import dev.spool.state.model.TaskOutput;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class TaskOutputRepository implements PanacheRepositoryBase<TaskOutput, UUID> {

    private static final String LATEST_OF_EACH = "from TaskOutput o where o.runId = :run and o.taskId in :tasks "
            + "and o.attempt = (select max(i.attempt) from TaskOutput i where i.runId = o.runId and i.taskId = o.taskId)";

    /** Which of these attempts have records. */
    public Uni<List<UUID>> recordedAttempts(Collection<UUID> attemptIds) {
        return find("select distinct attemptId from TaskOutput where attemptId in ?1", attemptIds).project(UUID.class).list();
    }

    /** The output of the latest attempt of a task, or of the given attempt number. */
    public Uni<TaskOutput> findOutput(UUID runId, String taskId, String stream, Integer attempt) {
        if (attempt != null) {
            return find("runId = ?1 and taskId = ?2 and stream = ?3 and attempt = ?4", runId, taskId, stream, attempt).firstResult();
        }
        return find("runId = ?1 and taskId = ?2 and stream = ?3 order by attempt desc", runId, taskId, stream).firstResult();
    }

    /** The outputs of the latest recorded attempt of each of these tasks. */
    public Uni<List<OutputHeader>> latestOf(UUID runId, Collection<String> taskIds) {
        if (taskIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find(LATEST_OF_EACH, Parameters.with("run", runId).and("tasks", taskIds)).project(OutputHeader.class).list();
    }

    /** A task's own earlier attempts, the latest first: a loop's earlier iterations. */
    public Uni<List<OutputHeader>> earlierAttempts(UUID runId, String taskId, int before, int max) {
        return find("runId = ?1 and taskId = ?2 and attempt < ?3 order by attempt desc, stream", runId, taskId, before)
                .project(OutputHeader.class).page(Page.ofSize(max)).list();
    }

    public Uni<List<String>> tasksWithAgent(UUID runId, String agent) {
        return find("select distinct taskId from TaskOutput where runId = ?1 and agent = ?2", runId, agent).project(String.class).list();
    }

    public Uni<List<String>> tasksCompletedSince(UUID runId, Instant since) {
        return find("select distinct taskId from TaskOutput where runId = ?1 and completedAt >= ?2", runId, since)
                .project(String.class).list();
    }

    public Uni<List<String>> tasksOf(UUID runId) {
        return find("select distinct taskId from TaskOutput where runId = ?1", runId).project(String.class).list();
    }

    /** The kept text of these records, by id, or where it is stored when it is not in the record. */
    public Uni<List<IdAndContent>> contents(Collection<UUID> ids) {
        return find("select id, content, keptTextKey from TaskOutput where id in ?1", ids).project(IdAndContent.class).list();
    }

    public record IdAndContent(UUID id, String content, String keptTextKey) {
    }

    /** Every record of a run, without content, in the order pruning and listing read them. */
    public Uni<List<OutputHeader>> headersOf(UUID runId) {
        return find("runId = ?1 order by completedAt, taskId, attempt, stream", runId).project(OutputHeader.class).list();
    }

    /** A page of a run's records, in completion order, after the cursor's position. */
    public Uni<List<TaskOutput>> page(OutputFilter filter, int size) {
        StringBuilder query = new StringBuilder("runId = :run");
        Parameters parameters = Parameters.with("run", filter.runId());
        if (filter.taskId() != null) {
            query.append(" and taskId = :task");
            parameters.and("task", filter.taskId());
        }
        if (filter.outputType() != null) {
            query.append(" and stream = :type");
            parameters.and("type", filter.outputType());
        }
        if (filter.after() != null) {
            query.append(" and (completedAt > :at or (completedAt = :at and (taskId > :afterTask or (taskId = :afterTask and "
                    + "(attempt > :afterAttempt or (attempt = :afterAttempt and stream > :afterStream))))))");
            parameters.and("at", filter.after().completedAt()).and("afterTask", filter.after().taskId())
                    .and("afterAttempt", filter.after().attempt()).and("afterStream", filter.after().stream());
        }
        query.append(" order by completedAt, taskId, attempt, stream");
        return find(query.toString(), parameters).page(Page.ofSize(size)).list();
    }

    public Uni<Integer> touch(Collection<UUID> ids, Instant at) {
        return update("lastAccessed = ?1 where id in ?2", at, ids);
    }

    public Uni<Integer> setRelevance(Collection<UUID> ids, double score) {
        return update("relevanceScore = ?1 where id in ?2", score, ids);
    }

    /** Which of these objects another record than these still points at. */
    public Uni<List<String>> objectsStillReferenced(Collection<String> keys, Collection<UUID> except) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("select distinct objectKey from TaskOutput where objectKey in ?1 and id not in ?2", keys, except)
                .project(String.class).list();
    }

    /** Which of these objects any record points at. */
    public Uni<List<String>> referencedObjects(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("select distinct objectKey from TaskOutput where objectKey in ?1", keys).project(String.class).list()
                .chain(full -> find("select keptTextKey from TaskOutput where keptTextKey in ?1", keys).project(String.class).list()
                        .map(kept -> java.util.stream.Stream.concat(full.stream(), kept.stream()).toList()));
    }

    /** The stored copies the records point at, of one run or (null) of all. */
    /** What is stored for one run, one tenant's runs (task_outputs_tenant_stored), or every run when both are null. */
    public Uni<StoredTotals> storedTotals(UUID runId, String tenant) {
        String query = "select count(*), coalesce(sum(objectBytes), 0), coalesce(sum(originalBytes), 0) from TaskOutput where objectKey is not null";
        if (runId != null) {
            return find(query + " and runId = ?1", runId).project(StoredTotals.class).firstResult();
        }
        return (tenant == null ? find(query) : find(query + " and tenant = ?1", tenant)).project(StoredTotals.class).firstResult();
    }

    public record StoredTotals(long objects, long storedBytes, long originalBytes) {
    }

    public Uni<Long> deleteByIds(Collection<UUID> ids) {
        return delete("id in ?1", ids);
    }

    public Uni<RunTotals> totals(UUID runId) {
        return find("select count(*), coalesce(sum(keptBytes), 0), coalesce(sum(objectBytes), 0), coalesce(sum(originalBytes), 0), "
                + "coalesce(sum(case when truncated then 1 else 0 end), 0), coalesce(avg(relevanceScore), 0) from TaskOutput where runId = ?1",
                runId).project(RunTotals.class).firstResult();
    }

    public record RunTotals(long outputs, long keptBytes, long objectBytes, long originalBytes, long truncated, double averageRelevance) {
    }

    public Uni<List<OutputHeader>> largest(UUID runId, int max) {
        return find("runId = ?1 order by originalBytes desc, id", runId).project(OutputHeader.class).page(Page.ofSize(max)).list();
    }
}
