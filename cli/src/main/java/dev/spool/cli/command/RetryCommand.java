package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.spool.cli.CliException;
import dev.spool.cli.ExitCode;
import dev.spool.cli.render.StatusKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "retry", description = "Run a task that failed again, with fresh tries, and every task downstream of it; without TASK, every task of the run that failed.")
public final class RetryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run's id.")
    String runId;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TASK", description = "The task's id (default: each failed task).")
    String taskId;

    private final Session session;

    RetryCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        List<String> tasks = new ArrayList<>();
        if (taskId != null) {
            tasks.add(taskId);
        } else {
            JsonNode run = session.gateway().get(RunIds.run(runId));
            run.path("tasks").forEach(task -> {
                if (StatusKind.of(task.path("status").asText()) == StatusKind.FAILED) {
                    tasks.add(task.path("id").asText());
                }
            });
            if (tasks.isEmpty()) {
                throw new CliException(ExitCode.REFUSED, "nothing_to_retry", "no task of run " + runId + " failed, so there is nothing to retry"
                        + " (the run is " + run.path("status").asText() + "); name a task to retry one that ended otherwise");
            }
        }
        ArrayNode answers = session.gateway().json().createArrayNode();
        for (String task : tasks) {
            try {
                answers.add(session.gateway().post(RunIds.task(runId, task) + "/retry"));
                if (!session.json()) {
                    session.out().println("retrying " + task + " of run " + runId);
                }
            } catch (CliException e) {
                // Retrying an earlier task already reset this one, which is downstream of it.
                if (taskId != null || !"task_not_retryable".equals(e.code())) {
                    throw e;
                }
            }
        }
        if (session.json()) {
            session.printJson(answers.size() == 1 ? answers.get(0) : answers);
        } else {
            session.hint("follow it: spool status " + runId + " --watch");
        }
        return ExitCode.OK;
    }
}
