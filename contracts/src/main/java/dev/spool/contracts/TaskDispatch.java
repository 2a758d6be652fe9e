package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One attempt of one task, ready to run. Every attempt has its own id; results refer to it.
 *
 * @param secretEnv        names of {@code env} entries whose values never appear in captured output
 * @param successExitCodes exit codes that count as success
 * @param keepWorkDir      leave the attempt's working directory on the worker's disk when it ends
 * @param secretRefs       env name → the name of a secret the worker holds; the value never leaves the worker,
 *                         and is masked in captured output like {@code secretEnv}
 * @param tenant           the tenant whose run this is, carried to the result so that its stored bytes count against it;
 *                         null from a scheduler before tenants
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskDispatch(
        UUID runId,
        String taskId,
        UUID attemptId,
        int attempt,
        TaskCommand command,
        Map<String, String> env,
        Set<String> secretEnv,
        OutputLimits limits,
        TaskTimeout timeout,
        ResourceLimits resources,
        List<Integer> successExitCodes,
        boolean keepWorkDir,
        Instant dispatchedAt,
        Map<String, String> secretRefs,
        String agent,
        dev.spool.contracts.context.ContextRequest context,
        String tenant) implements WireMessage {

    public TaskDispatch(UUID runId, String taskId, UUID attemptId, int attempt, TaskCommand command, Map<String, String> env,
                        Set<String> secretEnv, OutputLimits limits, TaskTimeout timeout, ResourceLimits resources,
                        List<Integer> successExitCodes, boolean keepWorkDir, Instant dispatchedAt, Map<String, String> secretRefs,
                        String agent, dev.spool.contracts.context.ContextRequest context) {
        this(runId, taskId, attemptId, attempt, command, env, secretEnv, limits, timeout, resources, successExitCodes, keepWorkDir,
                dispatchedAt, secretRefs, agent, context, null);
    }

    @Override
    public boolean complete() {
        return runId != null && taskId != null && attemptId != null && command != null;
    }

    public TaskDispatch withLimits(OutputLimits lowered) {
        return new TaskDispatch(runId, taskId, attemptId, attempt, command, env, secretEnv, lowered, timeout, resources, successExitCodes,
                keepWorkDir, dispatchedAt, secretRefs, agent, context, tenant);
    }

    public TaskDispatch {
        env = env == null ? Map.of() : Map.copyOf(env);
        secretEnv = secretEnv == null ? Set.of() : Set.copyOf(secretEnv);
        limits = limits == null ? OutputLimits.DEFAULTS : limits;
        timeout = timeout == null ? TaskTimeout.Fixed.of(TaskTimeout.DEFAULT) : timeout;
        resources = resources == null ? ResourceLimits.NONE : resources;
        successExitCodes = successExitCodes == null || successExitCodes.isEmpty() ? List.of(0) : List.copyOf(successExitCodes);
        secretRefs = secretRefs == null ? Map.of() : Map.copyOf(secretRefs);
    }
}
