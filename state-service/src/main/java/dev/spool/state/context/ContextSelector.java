package dev.spool.state.context;

import dev.spool.contracts.context.ContextRequest;
import dev.spool.contracts.context.ContextSource;
import dev.spool.contracts.context.Relevance;
import dev.spool.contracts.context.TaskGlob;
import dev.spool.state.repository.TaskOutputRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which tasks' outputs qualify for a context, each with its relevance: the graph's scores from the request, the same
 * {@code agent} label (0.5), a completion within {@code window} (0.3), the highest applying. {@code automatic} keeps
 * those at or above {@code min_relevance}; {@code manual} keeps those its {@code include} names and its
 * {@code exclude} does not.
 */
@ApplicationScoped
class ContextSelector {

    private final TaskOutputRepository outputs;

    ContextSelector(TaskOutputRepository outputs) {
        this.outputs = outputs;
    }

    Uni<Map<String, Candidate>> select(ContextRequest request, Instant now) {
        Map<String, Candidate> byTask = new HashMap<>();
        for (ContextSource source : request.sources()) {
            offer(byTask, new Candidate(source.taskId(), null, source.relevance(), source.reason()));
        }
        if (ContextRequest.MANUAL.equals(request.mode())) {
            return manual(request, byTask);
        }
        Uni<Void> agents = request.agent() == null ? Uni.createFrom().voidItem()
                : outputs.tasksWithAgent(request.runId(), request.agent()).invoke(tasks -> tasks.forEach(task ->
                        offer(byTask, new Candidate(task, null, Relevance.SAME_AGENT, "same agent '" + request.agent() + "'")))).replaceWithVoid();
        Uni<Void> recent = request.windowMillis() == null ? Uni.createFrom().voidItem()
                : outputs.tasksCompletedSince(request.runId(), now.minusMillis(request.windowMillis())).invoke(tasks -> tasks.forEach(task ->
                        offer(byTask, new Candidate(task, null, Relevance.RECENT, "finished within "
                                + Duration.ofMillis(request.windowMillis()).toString().substring(2).toLowerCase(Locale.ROOT))))).replaceWithVoid();
        Uni<Void> others = !request.includeUnrelated() ? Uni.createFrom().voidItem()
                : outputs.tasksOf(request.runId()).invoke(tasks -> tasks.forEach(task ->
                        offer(byTask, new Candidate(task, null, Relevance.UNRELATED, "another task of the run")))).replaceWithVoid();
        return agents.chain(() -> recent).chain(() -> others).map(ignored -> {
            byTask.remove(request.taskId());
            byTask.values().removeIf(candidate -> candidate.relevance() < request.minRelevance());
            return byTask;
        });
    }

    private Uni<Map<String, Candidate>> manual(ContextRequest request, Map<String, Candidate> scored) {
        List<TaskGlob> include = request.include().stream().map(TaskGlob::of).toList();
        List<TaskGlob> exclude = request.exclude().stream().map(TaskGlob::of).toList();
        return outputs.tasksOf(request.runId()).map(tasks -> {
            Map<String, Candidate> chosen = new HashMap<>();
            for (String task : tasks) {
                if (task.equals(request.taskId()) || exclude.stream().anyMatch(p -> p.matches(task))) {
                    continue;
                }
                for (int i = 0; i < include.size(); i++) {
                    if (include.get(i).matches(task)) {
                        Candidate graph = scored.get(task);
                        String why = "included by '" + request.include().get(i) + "'";
                        chosen.put(task, new Candidate(task, null, graph == null ? Relevance.UNRELATED : graph.relevance(),
                                graph == null ? why : why + ", " + graph.reason()));
                        break;
                    }
                }
            }
            return chosen;
        });
    }

    private static void offer(Map<String, Candidate> byTask, Candidate candidate) {
        byTask.merge(candidate.taskId(), candidate, Candidate::atLeast);
    }
}
