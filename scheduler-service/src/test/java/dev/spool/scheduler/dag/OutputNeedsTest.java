package dev.spool.scheduler.dag;

import dev.spool.contracts.TaskStatus;
import dev.spool.contracts.context.RunNeeds;
import dev.spool.scheduler.model.TaskDefinition;
import dev.spool.scheduler.workflow.WorkflowCompiler;
import dev.spool.scheduler.workflow.WorkflowIntake;
import dev.spool.scheduler.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the state-service is told the tasks still to run need, on the graphs a run can have. */
class OutputNeedsTest {

    private static Map<String, TaskDefinition> definitions(String yaml) {
        return new WorkflowIntake(10_000).read(yaml, WorkflowParser.Format.YAML).tasks().stream()
                .collect(Collectors.toMap(WorkflowCompiler.CompiledTask::id, WorkflowCompiler.CompiledTask::definition));
    }

    private static final String CHAIN = """
            name: chain
            tasks:
              - {id: a, command: ls}
              - {id: b, command: ls, depends_on: [a]}
              - {id: c, command: ls, depends_on: [b]}
              - {id: d, command: ls, depends_on: [c], agent: writer}
              - {id: e, command: ls, agent: writer}
            """;

    @Test
    void relevanceIsTheNearestTaskStillToRunAndOnlyWhatItsContextReachesIsNeeded() {
        RunNeeds needs = OutputNeeds.of(UUID.randomUUID(), false, null, definitions(CHAIN), Map.of(
                "a", TaskStatus.SUCCEEDED, "b", TaskStatus.SUCCEEDED, "c", TaskStatus.SUCCEEDED, "d", TaskStatus.PENDING,
                "e", TaskStatus.SUCCEEDED));

        assertThat(needs.unfinished()).containsExactly("d");
        assertThat(needs.relevance().get("c")).isEqualTo(1.0);
        assertThat(needs.relevance().get("b")).isCloseTo(0.4, within(1e-9));
        assertThat(needs.relevance().get("e")).as("same agent as d").isEqualTo(0.5);
        assertThat(needs.needed()).contains("c", "e").doesNotContain("a", "b");
    }

    @Test
    void anEndedRunNeedsNothing() {
        RunNeeds needs = OutputNeeds.of(UUID.randomUUID(), true, null, definitions(CHAIN), Map.of("a", TaskStatus.SUCCEEDED));

        assertThat(needs.ended()).isTrue();
        assertThat(needs.needed()).isEmpty();
        assertThat(needs.unfinished()).isEmpty();
    }
}
