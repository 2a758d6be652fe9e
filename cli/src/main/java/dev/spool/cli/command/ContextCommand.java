package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.cli.ExitCode;
import dev.spool.cli.render.Style;
import dev.spool.cli.render.Table;
import dev.spool.cli.render.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "context", description = "The context document a task received (or would receive now): what went in, why, and what did not fit.")
public final class ContextCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run's id.")
    String runId;

    @Parameters(index = "1", paramLabel = "TASK", description = "The task's id.")
    String taskId;

    @Option(names = "--content", description = "Print only the document's content, as the task read it.")
    boolean contentOnly;

    private final Session session;

    ContextCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        JsonNode document = session.gateway().get(RunIds.task(runId, taskId) + "/context");
        if (session.json()) {
            session.printJson(document);
            return ExitCode.OK;
        }
        if (contentOnly) {
            session.out().print(document.path("content").asText(""));
            session.out().flush();
            return ExitCode.OK;
        }
        Style style = session.style();
        JsonNode budget = document.path("budget");
        session.out().println(style.bold("context of " + taskId) + " (attempt " + document.path("attempt").asInt() + ", "
                + (document.path("delivered").asBoolean() ? "delivered" : "not asked for yet: what it would receive now") + ")");
        session.out().println("  " + Units.bytes(document.path("bytes").asLong()) + " of " + Units.bytes(budget.path("max_bytes").asLong())
                + (document.hasNonNull("tokens") ? ", " + document.path("tokens").asLong() + " tokens" : "")
                + ", at most " + budget.path("max_tasks").asInt() + " tasks, min relevance " + budget.path("min_relevance").asDouble()
                + ", format " + document.path("format").asText());
        Table entries = new Table("FROM", "ATTEMPT", "TYPE", "RELEVANCE", "INCLUDED", "WHY");
        for (JsonNode entry : document.path("entries")) {
            entries.row(entry.path("task_id").asText(), entry.path("attempt").asText(), entry.path("output_type").asText(),
                    String.format(Locale.ROOT, "%.2f", entry.path("relevance").asDouble()),
                    Units.bytes(entry.path("included_bytes").asLong()) + (entry.path("shortened").asBoolean() ? " (shortened)" : ""),
                    entry.path("reason").asText(""));
        }
        session.out().println();
        session.out().println(entries.size() == 0 ? "nothing went in" : entries.render(style));
        if (document.path("omitted_outputs").asLong() > 0) {
            session.out().println();
            session.out().println(style.yellow(document.path("omitted_outputs").asLong() + " qualified and did not fit:"));
            for (JsonNode omitted : document.path("omitted")) {
                session.out().println("  " + omitted.path("task_id").asText() + " " + omitted.path("output_type").asText() + ": "
                        + omitted.path("reason").asText());
            }
        }
        session.hint("the document itself: spool context " + runId + " " + taskId + " --content");
        return ExitCode.OK;
    }
}
