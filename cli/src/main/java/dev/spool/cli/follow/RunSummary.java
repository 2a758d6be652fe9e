package dev.spool.cli.follow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.cli.render.StatusKind;
import dev.spool.cli.render.Style;
import dev.spool.cli.render.Units;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a person reads when a run has ended: its outcome, what went wrong and where to look next. */
public final class RunSummary {

    private RunSummary() {
    }

    public static List<String> lines(JsonNode run, Style style) {
        List<String> lines = new ArrayList<>();
        String id = run.path("id").asText();
        Instant created = Units.instant(run.path("created_at").asText(null));
        Instant finished = Units.instant(run.path("finished_at").asText(null));
        lines.add(style.bold("run " + run.path("name").asText() + " " + style.status(run.path("status").asText()))
                + (created != null && finished != null ? " in " + Units.between(created, finished, finished) : "")
                + "  " + RunTable.counts(run, style));
        String firstBad = null;
        for (JsonNode task : run.path("tasks")) {
            String status = task.path("status").asText();
            StatusKind kind = StatusKind.of(status);
            if (kind == StatusKind.FAILED || kind == StatusKind.STOPPED) {
                firstBad = firstBad == null ? task.path("id").asText() : firstBad;
                lines.add("  " + style.status(status) + " " + task.path("id").asText()
                        + (task.hasNonNull("status_reason") ? ": " + task.path("status_reason").asText() : ""));
            }
        }
        run.path("warnings").forEach(warning -> lines.add("  " + style.yellow("warning: ") + warning.asText()));
        if (firstBad != null) {
            lines.add(style.dim("its output: spool logs " + id + " " + firstBad + " --stream stderr"));
        }
        return lines;
    }
}
