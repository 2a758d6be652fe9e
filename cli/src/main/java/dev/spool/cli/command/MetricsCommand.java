package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.cli.ExitCode;
import dev.spool.cli.render.Style;
import dev.spool.cli.render.Table;
import dev.spool.cli.render.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "metrics", description = "A run's outputs in figures: kept and stored bytes, truncation, pruning, relevance, the largest outputs (the seed's --show-context-metrics).")
public final class MetricsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run's id.")
    String runId;

    private final Session session;

    MetricsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        JsonNode metrics = session.gateway().get(RunIds.run(runId) + "/context-metrics");
        if (session.json()) {
            session.printJson(metrics);
            return ExitCode.OK;
        }
        Style style = session.style();
        var out = session.out();
        out.println(style.bold("outputs of run " + runId));
        out.printf("  records            %d%n", metrics.path("outputs").asLong());
        out.printf("  printed            %s%n", Units.bytes(metrics.path("original_bytes").asLong()));
        out.printf("  kept in database   %s%n", Units.bytes(metrics.path("kept_bytes_in_database").asLong()));
        out.printf("  in object storage  %s%n", Units.bytes(metrics.path("bytes_in_object_storage").asLong()));
        out.printf(Locale.ROOT, "  truncated          %d (%.0f%%)%n", metrics.path("truncated_outputs").asLong(), 100 * metrics.path("truncation_rate").asDouble());
        out.printf("  pruned             %d (%s) in %d passes%n", metrics.path("pruned_outputs").asLong(),
                Units.bytes(metrics.path("pruned_bytes").asLong()), metrics.path("prune_passes").asLong());
        out.printf(Locale.ROOT, "  average relevance  %.2f%n", metrics.path("average_relevance").asDouble());
        if (!metrics.path("largest_outputs").isEmpty()) {
            Table largest = new Table("LARGEST", "ATTEMPT", "TYPE", "ORIGINAL", "KEPT", "FULL COPY");
            metrics.path("largest_outputs").forEach(output -> largest.row(output.path("task_id").asText(), output.path("attempt").asText(),
                    output.path("output_type").asText(), Units.bytes(output.path("original_bytes").asLong()),
                    Units.bytes(output.path("kept_bytes").asLong()), output.path("external_path").asText("-")));
            out.println();
            out.println(largest.render(style));
        }
        metrics.path("warnings").forEach(warning -> out.println(style.yellow("warning: ") + warning.asText()));
        return ExitCode.OK;
    }
}
