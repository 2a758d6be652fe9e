package dev.spool.cli.follow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.cli.render.StatusKind;
import dev.spool.cli.render.Style;
import dev.spool.cli.render.Table;
import dev.spool.cli.render.Units;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run as a table of its tasks (status, attempt, duration, what it printed so far and what it depends on), the
 * view of {@code spool status} and {@code spool submit --follow}. Given fewer lines than the run has tasks, it shows
 * the tasks that are running or went wrong first and counts the rest by status.
 */
public final class RunTable {

    private RunTable() {
    }

    /** Two lines: the run, its status and how long it has run; then how many of its tasks are in each status. */
    public static String header(JsonNode run, Instant now, Style style) {
        Instant created = Units.instant(run.path("created_at").asText(null));
        Instant finished = Units.instant(run.path("finished_at").asText(null));
        return style.bold("run " + run.path("name").asText()) + " " + style.dim(run.path("id").asText()) + "  "
                + style.status(run.path("status").asText()) + "  " + Units.between(created, finished, now) + System.lineSeparator() + counts(run, style);
    }

    /** How many tasks are in each status, such as {@code 4 tasks: 2 SUCCEEDED, 1 RUNNING, 1 PENDING}. */
    public static String counts(JsonNode run, Style style) {
        Map<String, Integer> counts = new TreeMap<>(Comparator.comparingInt((String status) -> interest(status)).thenComparing(Comparator.naturalOrder()));
        int total = 0;
        for (JsonNode task : run.path("tasks")) {
            counts.merge(task.path("status").asText(), 1, Integer::sum);
            total++;
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((status, count) -> parts.add(count + " " + style.status(status)));
        return total + (total == 1 ? " task" : " tasks") + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    /** The table, in at most {@code maxRows} rows of tasks (a note line and a count line besides). */
    public static List<String> lines(JsonNode run, Instant now, Style style, int maxRows) {
        List<JsonNode> tasks = new ArrayList<>();
        run.path("tasks").forEach(tasks::add);
        List<JsonNode> shown = shownTasks(tasks, maxRows);
        Table table = new Table("TASK", "STATUS", "ATTEMPT", "DURATION", "PROGRESS", "DEPENDS ON");
        for (JsonNode task : shown) {
            table.row(task.path("id").asText(), style.status(task.path("status").asText()), attempt(task),
                    Units.between(Units.instant(task.path("started_at").asText(null)), Units.instant(task.path("finished_at").asText(null)), now),
                    progress(task), String.join(", ", dependsOn(task)));
            String reason = task.path("status_reason").asText("");
            if (!reason.isBlank() && StatusKind.of(task.path("status").asText()) != StatusKind.SUCCEEDED) {
                table.note(style.dim("why: " + reason));
            }
        }
        List<String> lines = new ArrayList<>(table.lines(style));
        if (shown.size() < tasks.size()) {
            Map<String, Integer> hidden = new TreeMap<>();
            tasks.stream().filter(task -> shown.stream().noneMatch(kept -> kept == task)).forEach(task -> hidden.merge(task.path("status").asText(), 1, Integer::sum));
            List<String> parts = new ArrayList<>();
            hidden.forEach((status, count) -> parts.add(count + " " + status));
            lines.add(style.dim("… and " + (tasks.size() - shown.size()) + " more: " + String.join(", ", parts)));
        }
        return lines;
    }

    /** All the tasks when they fit, else the most interesting ones, still in the workflow's order. */
    private static List<JsonNode> shownTasks(List<JsonNode> tasks, int maxRows) {
        if (tasks.size() <= maxRows) {
            return tasks;
        }
        java.util.Set<JsonNode> keep = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        tasks.stream().sorted(Comparator.comparingInt(RunTable::interest)).limit(Math.max(1, maxRows)).forEach(keep::add);
        return tasks.stream().filter(keep::contains).toList();
    }

    public static List<String> dependsOn(JsonNode task) {
        List<String> ids = new ArrayList<>();
        task.path("depends_on").forEach(dependency -> ids.add(dependency.isTextual() ? dependency.asText() : dependency.path("task").asText()));
        return ids;
    }

    static String attempt(JsonNode task) {
        int attempt = task.path("attempt").asInt(0);
        String text = attempt == 0 ? "-" : Integer.toString(attempt);
        return task.hasNonNull("iteration") ? text + " (iteration " + task.path("iteration").asInt() + ")" : text;
    }

    /** While it runs, what its heartbeats said it printed; once it ended, what was kept of what it printed. */
    public static String progress(JsonNode task) {
        JsonNode progress = task.path("progress");
        String status = task.path("status").asText();
        if (!StatusKind.ended(status) && progress.isObject()) {
            String text = "out " + Units.bytes(progress.path("stdout_bytes").asLong()) + " / " + Units.count(progress.path("stdout_lines").asLong()) + " lines";
            if (progress.path("stderr_bytes").asLong() > 0) {
                text += ", err " + Units.bytes(progress.path("stderr_bytes").asLong()) + " / " + Units.count(progress.path("stderr_lines").asLong()) + " lines";
            }
            return text;
        }
        JsonNode stdout = task.path("outputs").path("stdout");
        if (stdout.isObject()) {
            String text = "out " + Units.bytes(stdout.path("original_bytes").asLong());
            if (stdout.path("truncated").asBoolean()) {
                text += " (kept " + Units.bytes(stdout.path("kept_bytes").asLong()) + ")";
            }
            JsonNode stderr = task.path("outputs").path("stderr");
            if (stderr.path("original_bytes").asLong() > 0) {
                text += ", err " + Units.bytes(stderr.path("original_bytes").asLong());
            }
            return task.hasNonNull("exit_code") ? text + ", exit " + task.path("exit_code").asInt() : text;
        }
        return task.hasNonNull("exit_code") ? "exit " + task.path("exit_code").asInt() : "";
    }

    private static int interest(JsonNode task) {
        return interest(task.path("status").asText());
    }

    /** Running and failed tasks first, then waiting ones, then those that ended well. */
    private static int interest(String status) {
        return switch (StatusKind.of(status)) {
            case RUNNING -> 0;
            case FAILED -> 1;
            case STOPPED -> 2;
            case WAITING -> 3;
            case SKIPPED -> 4;
            case SUCCEEDED -> 5;
        };
    }

}
