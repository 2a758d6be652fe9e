package dev.spool.state.context;

import dev.spool.contracts.context.ContextDocument;
import dev.spool.contracts.context.ContextRequest;
import dev.spool.contracts.context.Relevance;
import dev.spool.state.model.ContextDelivery;
import dev.spool.state.model.PrunedOutputs;
import dev.spool.state.repository.ContextDeliveryRepository;
import dev.spool.state.repository.RunContextRepository;
import dev.spool.state.repository.OutputHeader;
import dev.spool.state.repository.OutputUseRepository;
import dev.spool.state.repository.PrunedOutputsRepository;
import dev.spool.state.repository.TaskOutputRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a task's context document from its run's recorded outputs: selects what qualifies, ranks it, reads the
 * content of only what can go in, and writes the document within its budgets. The outputs a worker's task receives are
 * marked used ({@code last_accessed}, {@code depended_by}); a preview leaves them as they are.
 */
@ApplicationScoped
public class ContextBuilder {

    /** Contents are read this many records at a time, as the document fills. */
    private static final int CONTENT_BATCH = 50;

    private static final List<String> TYPE_ORDER = List.of("stdout", "stderr", "result");

    private final ContextSelector selector;
    private final TaskOutputRepository outputs;
    private final PrunedOutputsRepository tombstones;
    private final OutputUseRepository uses;
    private final TokenCounter tokens;
    private final MeterRegistry metrics;
    private final ContextDeliveryRepository deliveries;
    private final RunContextRepository runs;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final Clock clock;
    private final dev.spool.state.service.KeptTexts keptTexts;

    public ContextBuilder(ContextSelector selector, TaskOutputRepository outputs, PrunedOutputsRepository tombstones,
                          OutputUseRepository uses, TokenCounter tokens, MeterRegistry metrics, ContextDeliveryRepository deliveries,
                          com.fasterxml.jackson.databind.ObjectMapper mapper, RunContextRepository runs,
                          dev.spool.state.service.KeptTexts keptTexts) {
        this.runs = runs;
        this.keptTexts = keptTexts;
        this.deliveries = deliveries;
        this.mapper = mapper;
        this.selector = selector;
        this.outputs = outputs;
        this.tombstones = tombstones;
        this.uses = uses;
        this.tokens = tokens;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    /** The document a task receives now; its outputs are marked used by it. */
    @WithTransaction
    public Uni<ContextDocument> deliver(ContextRequest request) {
        Timer.Sample sample = Timer.start(metrics);
        return build(request).call(built -> markUsed(request, built.used()))
                .call(built -> deliveries.keep(request.runId(), request.taskId(), request.attempt(), json(built.document().asDelivered()),
                        built.document().builtAt()))
                .map(built -> built.document().asDelivered()).invoke(document -> {
            sample.stop(metrics.timer("spool.state.context.build"));
            metrics.summary("spool.state.context.bytes").record(document.bytes());
            document.entries().forEach(entry -> metrics.summary("spool.state.context.relevance").record(entry.relevance()));
            metrics.counter("spool.state.context.omitted").increment(document.omittedOutputs());
        }).call(document -> {
            String warning = nearBudget(document);
            if (warning == null) {
                return Uni.createFrom().voidItem();
            }
            metrics.counter("spool.state.context.at.budget").increment();
            return runs.of(document.runId()).invoke(run -> run.warn(warning)).replaceWithVoid();
        });
    }

    /**
     * A warning when a task's context used nine tenths of a budget and left qualifying output out, with the setting
     * that would let it in; null when it did not.
     */
    static String nearBudget(ContextDocument document) {
        ContextDocument.Budget budget = document.budget();
        boolean bytes = document.bytes() >= budget.maxBytes() * 0.9;
        boolean tokens = budget.maxTokens() != null && document.tokens() != null && document.tokens() >= budget.maxTokens() * 0.9;
        if (document.omittedOutputs() == 0 || !(bytes || tokens)) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "context of task '%s' is at its budget: it used %s and left %,d outputs out; "
                        + "raise context.%s (or limits.max_context_%s), or raise min_relevance to send less", document.taskId(),
                bytes ? String.format(java.util.Locale.ROOT, "%,d of max_bytes %,d", document.bytes(), budget.maxBytes())
                        : String.format(java.util.Locale.ROOT, "%,d of max_tokens %,d", document.tokens(), budget.maxTokens()),
                document.omittedOutputs(), bytes ? "max_bytes" : "max_tokens", bytes ? "bytes" : "tokens");
    }

    /** The document the task received at its latest attempt, or null when it has not asked for one. */
    @WithSession
    public Uni<ContextDocument> delivered(UUID runId, String taskId) {
        return deliveries.findById(new ContextDelivery.Key(runId, taskId)).map(row -> row == null ? null : read(row.document));
    }

    private String json(ContextDocument document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a context document cannot be written", e);
        }
    }

    private ContextDocument read(String document) {
        try {
            return mapper.readValue(document, ContextDocument.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored context document cannot be read", e);
        }
    }

    /** The document the task would receive now, touching nothing. */
    @WithSession
    public Uni<ContextDocument> preview(ContextRequest request) {
        return build(request).map(Built::document);
    }

    private record Built(ContextDocument document, List<UUID> used) {
    }

    private Uni<Built> build(ContextRequest request) {
        Instant now = clock.instant();
        return selector.select(request, now).chain(candidates -> outputs.latestOf(request.runId(), candidates.keySet())
                .chain(latest -> ownIterations(request).chain(earlier ->
                        tombstones.ofTasks(request.runId(), candidates.keySet()).chain(pruned -> {
                            ContextAssembler assembler = new ContextAssembler(request, tokens);
                            List<Group> groups = groups(request, candidates, latest, earlier, pruned, assembler);
                            return fill(assembler, groups, 0).map(ignored -> new Built(assembler.document(now), assembler.used()));
                        }))));
    }

    private Uni<List<OutputHeader>> ownIterations(ContextRequest request) {
        if (!request.ownIterations() || request.attempt() <= 1) {
            return Uni.createFrom().item(List.of());
        }
        return outputs.earlierAttempts(request.runId(), request.taskId(), request.attempt(), Math.max(1, request.maxTasks()) * 3);
    }

    /** One task's (or one earlier iteration's) outputs, to go in together. */
    private record Group(Candidate candidate, Instant completedAt, List<OutputHeader> outputs) {
    }

    private List<Group> groups(ContextRequest request, Map<String, Candidate> candidates, List<OutputHeader> latest,
                               List<OutputHeader> earlier, List<PrunedOutputs> pruned, ContextAssembler assembler) {
        Map<String, List<OutputHeader>> byTask = new LinkedHashMap<>();
        latest.forEach(output -> byTask.computeIfAbsent(output.taskId(), key -> new ArrayList<>()).add(output));
        Map<String, PrunedOutputs> newestTombstone = new HashMap<>();
        pruned.forEach(stone -> newestTombstone.merge(stone.taskId, stone, (a, b) -> a.lastAttempt >= b.lastAttempt ? a : b));

        List<Group> groups = new ArrayList<>();
        candidates.values().forEach(candidate -> {
            List<OutputHeader> found = byTask.get(candidate.taskId());
            PrunedOutputs stone = newestTombstone.get(candidate.taskId());
            if (stone != null && (found == null || stone.lastAttempt > found.getFirst().attempt())) {
                assembler.omit(candidate.taskId(), stone.lastAttempt, null, candidate.relevance(),
                        "pruned by " + stone.strategy + " at " + stone.lastPrunedAt);
            } else if (found != null) {
                groups.add(new Group(candidate, found.getFirst().completedAt(), sorted(found)));
            }
        });
        Map<Integer, List<OutputHeader>> byAttempt = new LinkedHashMap<>();
        earlier.forEach(output -> byAttempt.computeIfAbsent(output.attempt(), key -> new ArrayList<>()).add(output));
        int back = 0;
        for (Map.Entry<Integer, List<OutputHeader>> iteration : byAttempt.entrySet()) {
            back++;
            double score = Relevance.ofDepth(back);
            if (score < request.minRelevance() && !ContextRequest.MANUAL.equals(request.mode())) {
                break;
            }
            Candidate candidate = new Candidate(request.taskId(), iteration.getKey(), score, back == 1
                    ? "the previous iteration of this loop" : "an earlier iteration of this loop (" + back + " back)");
            groups.add(new Group(candidate, iteration.getValue().getFirst().completedAt(), sorted(iteration.getValue())));
        }
        groups.sort(Comparator.comparingDouble((Group group) -> group.candidate().relevance()).reversed()
                .thenComparing(Group::completedAt, Comparator.reverseOrder())
                .thenComparing(group -> group.candidate().taskId()));
        if (groups.size() > request.maxTasks()) {
            for (Group over : groups.subList(request.maxTasks(), groups.size())) {
                assembler.omit(over.candidate().taskId(), over.outputs().getFirst().attempt(), null, over.candidate().relevance(),
                        String.format(Locale.ROOT, "beyond max_tasks (%,d)", request.maxTasks()));
            }
            return new ArrayList<>(groups.subList(0, request.maxTasks()));
        }
        return groups;
    }

    private static List<OutputHeader> sorted(List<OutputHeader> outputs) {
        List<OutputHeader> sorted = new ArrayList<>(outputs);
        sorted.sort(Comparator.comparingInt(output -> TYPE_ORDER.indexOf(output.stream())));
        return sorted;
    }

    /** Adds the groups from {@code from} on, reading contents a batch at a time, until the budget is spent. */
    private Uni<Void> fill(ContextAssembler assembler, List<Group> groups, int from) {
        if (from >= groups.size()) {
            return Uni.createFrom().voidItem();
        }
        if (assembler.full()) {
            for (Group group : groups.subList(from, groups.size())) {
                assembler.omit(group.candidate(), group.outputs().getFirst(), "the budget was spent (" + assembler.budgetLeft() + ")");
            }
            return Uni.createFrom().voidItem();
        }
        int to = from;
        List<UUID> ids = new ArrayList<>();
        while (to < groups.size() && ids.size() < CONTENT_BATCH) {
            groups.get(to).outputs().stream().filter(output -> output.keptBytes() > 0 || "result".equals(output.stream()))
                    .forEach(output -> ids.add(output.id()));
            to++;
        }
        int end = to;
        return outputs.contents(ids).chain(rows -> rows.isEmpty() ? Uni.createFrom().item(List.<Map.Entry<UUID, String>>of())
                : Uni.join().all(rows.stream().map(row -> keptTexts.textOrNote(row.content(), row.keptTextKey())
                        .map(text -> Map.entry(row.id(), text))).toList()).andFailFast()).chain(entries -> {
            Map<UUID, String> contents = new java.util.HashMap<>();
            entries.forEach(entry -> contents.put(entry.getKey(), entry.getValue()));
            for (Group group : groups.subList(from, end)) {
                boolean first = true;
                for (OutputHeader output : group.outputs()) {
                    String content = contents.get(output.id());
                    if (content == null) {
                        continue;
                    }
                    if (assembler.full()) {
                        assembler.omit(group.candidate(), output, "the budget was spent (" + assembler.budgetLeft() + ")");
                        continue;
                    }
                    assembler.add(group.candidate(), output, content, first);
                    first = false;
                }
                if (first && !assembler.full()) {
                    // A task that printed nothing still shows that it ran and how it ended.
                    assembler.add(group.candidate(), group.outputs().getFirst(), "", true);
                }
            }
            return fill(assembler, groups, end);
        });
    }

    private Uni<Void> markUsed(ContextRequest request, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return outputs.touch(ids, clock.instant()).chain(() -> uses.recordUse(ids, request.taskId()));
    }
}
