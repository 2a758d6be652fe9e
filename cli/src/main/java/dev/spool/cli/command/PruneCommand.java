package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.cli.ExitCode;
import dev.spool.cli.client.Gateway;
import dev.spool.cli.render.Table;
import dev.spool.cli.render.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "prune", description = "Prune a run's output records now, by its cleanup_strategy or the one given; what a task still to run needs is never pruned.")
public final class PruneCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run's id.")
    String runId;

    @Option(names = "--dry-run", description = "Report what would be pruned, and remove nothing.")
    boolean dryRun;

    @Option(names = "--strategy", paramLabel = "STRATEGY", description = "Prune by this strategy instead of the run's (see the workflow reference).")
    String strategy;

    @Option(names = "--keep-count", paramLabel = "N", description = "With --strategy: how many records it keeps.")
    Integer keepCount;

    private final Session session;

    PruneCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        JsonNode report = session.gateway().post(Gateway.path(RunIds.run(runId) + "/prune", Gateway.query(
                "dry_run", dryRun, "strategy", strategy, "keep_count", keepCount)));
        if (session.json()) {
            session.printJson(report);
            return ExitCode.OK;
        }
        var out = session.out();
        out.println(session.style().bold((report.path("dry_run").asBoolean() ? "would prune " : "pruned ") + report.path("pruned").asLong()
                + " of " + report.path("considered").asLong() + " records (" + Units.bytes(report.path("pruned_bytes").asLong()) + ")")
                + " by " + report.path("strategy").asText() + ", keeping " + report.path("kept").asLong()
                + " (" + report.path("protected_outputs").asLong() + " protected: tasks still to run need them); "
                + report.path("objects_to_delete").asLong() + " stored objects to delete");
        if (!report.path("outputs").isEmpty()) {
            Table table = new Table("TASK", "ATTEMPT", "TYPE", "KEPT", "RELEVANCE");
            report.path("outputs").forEach(output -> table.row(output.path("task_id").asText(), output.path("attempt").asText(),
                    output.path("output_type").asText(), Units.bytes(output.path("kept_bytes").asLong()),
                    String.format(Locale.ROOT, "%.2f", output.path("relevance_score").asDouble())));
            out.println(table.render(session.style()));
        }
        return ExitCode.OK;
    }
}
