package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.spool.cli.ExitCode;
import dev.spool.cli.client.Gateway;
import dev.spool.cli.render.Style;
import dev.spool.cli.render.Table;
import dev.spool.cli.render.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "outputs", description = "A run's TaskOutput records: what each task printed, what was kept, its relevance and where the full copy is (the seed's --show-task-outputs).")
public final class OutputsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run's id.")
    String runId;

    @Option(names = "--task", paramLabel = "TASK", description = "Only this task's records.")
    String task;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only stdout, stderr or result.")
    String type;

    private final Session session;

    OutputsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        ArrayNode items = session.gateway().json().createArrayNode();
        String cursor = null;
        do {
            JsonNode page = session.gateway().get(Gateway.path(RunIds.run(runId) + "/outputs", Gateway.query(
                    "task", task, "type", type, "limit", 1000, "cursor", cursor)));
            page.path("items").forEach(items::add);
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        if (session.json()) {
            session.printJson(session.gateway().json().createObjectNode().set("items", items));
            return ExitCode.OK;
        }
        if (items.isEmpty()) {
            session.out().println("run " + runId + " has no output records" + (task != null ? " for task " + task : "") + " yet");
            return ExitCode.OK;
        }
        Style style = session.style();
        Table table = new Table("TASK", "ATTEMPT", "TYPE", "STATUS", "ORIGINAL", "KEPT", "STRATEGY", "RELEVANCE", "FULL COPY");
        for (JsonNode item : items) {
            table.row(item.path("task_id").asText(), item.path("attempt").asText(), item.path("output_type").asText(),
                    style.status(item.path("task_status").asText()),
                    Units.bytes(item.path("original_bytes").asLong()) + " / " + Units.count(item.path("original_lines").asLong()) + " lines",
                    Units.bytes(item.path("kept_bytes").asLong()) + (item.path("truncated").asBoolean() ? " (cut)" : ""),
                    item.path("truncation_strategy").asText(""),
                    item.hasNonNull("relevance_score") ? String.format(Locale.ROOT, "%.2f", item.path("relevance_score").asDouble()) : "-",
                    item.path("external_storage_failed").asBoolean() ? style.red("upload failed")
                            : item.hasNonNull("external_path") ? item.path("external_path").asText() : "-");
        }
        session.out().println(table.render(style));
        return ExitCode.OK;
    }
}
