package dev.spool.scheduler.messaging;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StaticMembershipTest {

    private static Map<String, Object> consumer() {
        return new HashMap<>(Map.of("group.id", "spool-scheduler", "bootstrap.servers", "localhost:9092"));
    }

    @Test
    void aNamedReplicasConsumersEachJoinAsAStaticMemberOfTheirOwnName() {
        StaticMembership membership = new StaticMembership(Optional.of("scheduler-0"));

        assertThat(membership.customize("task-events", null, consumer())).containsEntry("group.instance.id", "scheduler-0-task-events");
        assertThat(membership.customize("worker-status", null, consumer())).containsEntry("group.instance.id", "scheduler-0-worker-status");
    }

    @Test
    void producersAndUnnamedReplicasAreLeftAsTheyAre() {
        Map<String, Object> producer = new HashMap<>(Map.of("bootstrap.servers", "localhost:9092"));
        assertThat(new StaticMembership(Optional.of("scheduler-0")).customize("task-dispatch", null, producer))
                .doesNotContainKey("group.instance.id");
        assertThat(new StaticMembership(Optional.empty()).customize("task-events", null, consumer()))
                .doesNotContainKey("group.instance.id");
    }
}
