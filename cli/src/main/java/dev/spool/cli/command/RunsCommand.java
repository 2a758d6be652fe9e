package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.cli.CliException;
import dev.spool.cli.ExitCode;
import dev.spool.cli.client.Gateway;
import dev.spool.cli.render.Style;
import dev.spool.cli.render.Table;
import dev.spool.cli.render.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "runs", description = "List runs, newest first.")
public final class RunsCommand implements Callable<Integer> {

    @Option(names = "--status", paramLabel = "STATUS", description = "Only runs in this status: RUNNING, SUCCEEDED, FAILED, CANCELLED or PAUSED.")
    String status;

    @Option(names = "--name", paramLabel = "NAME", description = "Only runs of the workflow of this name (exactly).")
    String name;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only runs created after this: a time (2026-01-31T12:00:00Z) or an age (30m, 2h, 7d).")
    String since;

    @Option(names = "--before", paramLabel = "WHEN", description = "Only runs created before this: a time or an age.")
    String before;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "At most this many runs (default ${DEFAULT-VALUE}).", defaultValue = "50")
    int limit;

    private final Session session;

    RunsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (limit < 1 || limit > 100_000) {
            throw CliException.invalidInput("--limit " + limit + " is out of range; give 1 to 100000");
        }
        ArrayNode runs = session.gateway().json().createArrayNode();
        String cursor = null;
        do {
            JsonNode page = session.gateway().get(Gateway.path("/api/v1/runs", Gateway.query(
                    "status", status == null ? null : status.toUpperCase(Locale.ROOT), "name", name,
                    "created_after", when(since, "--since"), "created_before", when(before, "--before"),
                    "limit", Math.min(limit - runs.size(), 500), "cursor", cursor)));
            page.path("runs").forEach(runs::add);
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null && runs.size() < limit);
        if (session.json()) {
            ObjectNode answer = session.gateway().json().createObjectNode();
            answer.set("runs", runs);
            answer.put("next_cursor", cursor);
            session.printJson(answer);
            return ExitCode.OK;
        }
        if (runs.isEmpty()) {
            session.out().println("no runs" + (status != null || name != null || since != null || before != null ? " match" : " yet"));
            return ExitCode.OK;
        }
        Style style = session.style();
        Table table = new Table("RUN", "NAME", "STATUS", "CREATED", "DURATION");
        Instant now = Instant.now();
        for (JsonNode run : runs) {
            Instant created = Units.instant(run.path("created_at").asText(null));
            table.row(run.path("id").asText(), run.path("name").asText(), style.status(run.path("status").asText()),
                    created == null ? "" : created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                    Units.between(created, Units.instant(run.path("finished_at").asText(null)), now));
        }
        session.out().println(table.render(style));
        return ExitCode.OK;
    }

    /** An ISO-8601 time as given, or an age ({@code 30m}, {@code 2h}, {@code 7d}) as the time that long ago. */
    static String when(String text, String option) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        try {
            return Instant.parse(value).toString();
        } catch (DateTimeParseException notATime) {
            java.util.regex.Matcher age = java.util.regex.Pattern.compile("(\\d{1,9})([smhd])").matcher(value);
            if (!age.matches()) {
                throw CliException.invalidInput(option + " " + text + " is neither a time (2026-01-31T12:00:00Z) nor an age (90s, 30m, 2h, 7d)");
            }
            long amount = Long.parseLong(age.group(1));
            Duration duration = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return Instant.now().minus(duration).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        }
    }
}
