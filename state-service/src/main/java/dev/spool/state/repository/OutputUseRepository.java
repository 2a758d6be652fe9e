package dev.spool.state.repository;

import dev.spool.state.model.OutputUse;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class OutputUseRepository implements PanacheRepositoryBase<OutputUse, OutputUse.Key> {

    /** Records that {@code taskId} used these outputs, once each. */
    public Uni<Void> recordUse(Collection<UUID> outputIds, String taskId) {
        if (outputIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return find("key.taskId = ?1 and key.outputId in ?2", taskId, outputIds).list().chain(existing -> {
            Set<UUID> known = existing.stream().map(use -> use.key.outputId()).collect(Collectors.toCollection(HashSet::new));
            List<OutputUse> fresh = outputIds.stream().filter(id -> !known.contains(id)).distinct()
                    .map(id -> OutputUse.of(id, taskId)).toList();
            return fresh.isEmpty() ? Uni.createFrom().voidItem() : persist(fresh);
        });
    }

    /** The tasks that used each of these outputs. */
    public Uni<Map<UUID, List<String>>> usersOf(Collection<UUID> outputIds) {
        if (outputIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return find("key.outputId in ?1 order by key.taskId", outputIds).list().map(uses -> uses.stream()
                .collect(Collectors.groupingBy(use -> use.key.outputId(), Collectors.mapping(use -> use.key.taskId(), Collectors.toList()))));
    }
}
