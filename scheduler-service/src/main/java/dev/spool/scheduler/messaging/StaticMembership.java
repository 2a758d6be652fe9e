package dev.spool.scheduler.messaging;

import dev.spool.scheduler.config.SchedulerConfig;
import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;

import java.util.Map;

/**
 * Makes each of this replica's consumers a static member of the scheduler's group when the replica has a name that
 * outlives a restart ({@code spool.scheduler.instance-id}). A scheduler killed and started again then takes its
 * partitions back at once, instead of waiting for the group to notice the dead member (its session timeout, 10 s),
 * and dispatches again seconds sooner. Without a name, consumers join as usual.
 */
@ApplicationScoped
public class StaticMembership implements ClientCustomizer<Map<String, Object>> {

    private final SchedulerConfig config;

    public StaticMembership(SchedulerConfig config) {
        this.config = config;
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> client) {
        if (client.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
            // One name per consumer: each channel's consumer is a member of the group of its own.
            config.instanceId().ifPresent(instance -> client.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance + "-" + channel));
        }
        return client;
    }
}
