package dev.spool.cli.follow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.cli.CliException;
import dev.spool.cli.ExitCode;
import dev.spool.cli.client.Gateway;
import dev.spool.cli.render.StatusKind;
import dev.spool.cli.render.Style;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a run to its end. On a terminal it redraws the task table in place (twice a second); elsewhere it prints
 * one line per task whose status changed, for a CI log. A gateway that stops answering for a moment is waited for:
 * the run goes on without it.
 */
public final class RunFollower {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration GATEWAY_PATIENCE = Duration.ofSeconds(30);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Gateway gateway;
    private final PrintStream out;
    private final Style style;
    private final boolean live;
    private final boolean quiet;
    private final int maxRows;
    private final int columns;
    private final Clock clock;
    private int drawnLines;
    private final Map<String, String> lastStatus = new HashMap<>();

    /**
     * @param live   redraw a table in place (a terminal)
     * @param quiet  print nothing while following (JSON output)
     */
    public RunFollower(Gateway gateway, PrintStream out, Style style, boolean live, boolean quiet, int terminalLines, int columns,
                       Clock clock) {
        this.gateway = gateway;
        this.out = out;
        this.style = style;
        this.live = live;
        this.quiet = quiet;
        this.maxRows = Math.max(5, terminalLines - 6);
        this.columns = Math.max(20, columns - 1);
        this.clock = clock;
    }

    /** Follows until the run has ended and answers it as last read. */
    public JsonNode follow(String runId) throws InterruptedException {
        Instant unreachableSince = null;
        while (true) {
            JsonNode run;
            try {
                run = gateway.get("/api/v1/runs/" + Gateway.segment(runId));
                unreachableSince = null;
            } catch (CliException e) {
                if (e.exitCode() != ExitCode.UNREACHABLE) {
                    throw e;
                }
                unreachableSince = unreachableSince == null ? clock.instant() : unreachableSince;
                if (Duration.between(unreachableSince, clock.instant()).compareTo(GATEWAY_PATIENCE) > 0) {
                    throw e;
                }
                Thread.sleep(POLL.toMillis());
                continue;
            }
            draw(run);
            if (StatusKind.runEnded(run.path("status").asText())) {
                return run;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void draw(JsonNode run) {
        if (quiet) {
            return;
        }
        if (live) {
            List<String> lines = new java.util.ArrayList<>();
            lines.addAll(RunTable.header(run, clock.instant(), style).lines().toList());
            lines.addAll(RunTable.lines(run, clock.instant(), style, maxRows));
            StringBuilder frame = new StringBuilder();
            if (drawnLines > 0) {
                frame.append("\u001b[").append(drawnLines).append("F");
            }
            frame.append("\u001b[J");
            lines.forEach(line -> frame.append(Style.clip(line, columns)).append('\n'));
            out.print(frame);
            out.flush();
            drawnLines = lines.size();
            return;
        }
        for (JsonNode task : run.path("tasks")) {
            String id = task.path("id").asText();
            String status = task.path("status").asText();
            String before = lastStatus.put(id, status);
            if (!status.equals(before) && !(before == null && status.equals("PENDING"))) {
                String attempt = task.path("attempt").asInt() > 1 ? " (attempt " + task.path("attempt").asInt() + ")" : "";
                String reason = StatusKind.ended(status) && task.hasNonNull("status_reason") ? ": " + task.path("status_reason").asText() : "";
                String progress = StatusKind.ended(status) && !RunTable.progress(task).isEmpty() ? "  " + RunTable.progress(task) : "";
                out.println(TIME.format(clock.instant()) + " " + id + " " + style.status(status) + attempt + reason + progress);
            }
        }
        out.flush();
    }
}
