package dev.spool.scheduler.config;

import dev.spool.scheduler.workflow.WorkflowIntake;
import dev.spool.support.secrets.SecretSeal;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Set;

/** The one reading of submitted documents that submitting and validating share, with this gateway's limits. */
public class WorkflowIntakeProducer {

    @Produces
    @Singleton
    WorkflowIntake intake(SchedulerConfig config, SecretSeal seal) {
        return new WorkflowIntake(config.maxTasks(), config.allowedLoaderEnv().orElse(Set.of()), seal.available());
    }
}
