package dev.spool.cli.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.spool.cli.CliException;
import dev.spool.cli.follow.RunTable;
import dev.spool.cli.render.StatusKind;
import dev.spool.cli.render.Style;
import dev.spool.cli.render.Units;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run: its tasks as a table, in the workflow's order, with what the selected task needs and what needs it.
 * {@code f} filters by state, {@code /} finds a task by id, {@code e} saves the table to a file.
 */
final class RunView implements View {

    private static final List<String> FILTERS = List.of("ALL", "RUNNING", "FAILED", "WAITING", "SUCCEEDED", "SKIPPED", "STOPPED");

    /** A task as drawn, its cells worked out on the refresher's thread. */
    private record Row(String id, String status, String attempt, Instant started, Instant finished, String progress, List<String> needs) {
    }

    private record Snapshot(JsonNode run, List<Row> rows, Map<String, List<String>> neededBy) {
    }

    private final Tui tui;
    private final String runId;
    private final Cursor cursor = new Cursor();
    private volatile Snapshot snapshot = new Snapshot(null, List.of(), Map.of());
    private volatile String error;
    private int filter;
    private String search = "";

    RunView(Tui tui, String runId) {
        this.tui = tui;
        this.runId = runId;
    }

    @Override
    public String title() {
        JsonNode run = snapshot.run();
        return run == null ? "run " + runId
                : "run " + run.path("name").asText() + " " + runId + "  " + run.path("status").asText() + "  [" + FILTERS.get(filter) + "]  "
                + RunTable.counts(run, Style.PLAIN);
    }

    @Override
    public List<String[]> keys() {
        return List.of(new String[]{"Enter / l", "the selected task's live log"}, new String[]{"c", "its context document and outputs"},
                new String[]{"/", "find a task by id (n: the next match)"}, new String[]{"f", "filter by state: " + String.join(", ", FILTERS)},
                new String[]{"e", "save the table to a file"}, new String[]{"Esc", "back to the runs"});
    }

    private List<Row> shown() {
        List<Row> rows = snapshot.rows();
        if (filter == 0) {
            return rows;
        }
        String kind = FILTERS.get(filter);
        return rows.stream().filter(row -> StatusKind.of(row.status()).name().equals(kind)).toList();
    }

    @Override
    public void draw(Canvas canvas) {
        if (error != null && snapshot.run() == null) {
            canvas.text(0, 0, error, TextColor.ANSI.RED, false);
            return;
        }
        List<Row> shown = shown();
        int idWidth = Math.min(40, Math.max(8, shown.stream().mapToInt(row -> row.id().length()).max().orElse(8)));
        String format = "%-" + idWidth + "s  %-17s  %-7s  %-8s  %-40s  %s";
        canvas.line(0, String.format(format, "TASK", "STATUS", "ATTEMPT", "DURATION", "PROGRESS", "DEPENDS ON"), false);
        int visible = canvas.height - 3;
        cursor.keepInSight(shown.size(), visible);
        Instant now = Instant.now();
        for (int i = 0; i < visible && cursor.offset() + i < shown.size(); i++) {
            int index = cursor.offset() + i;
            Row row = shown.get(index);
            boolean selected = index == cursor.selected();
            String id = String.format("%-" + idWidth + "s  ", Canvas.fit(row.id(), idWidth));
            canvas.text(i + 1, 0, id, null, selected);
            canvas.text(i + 1, id.length(), String.format("%-17s", row.status()), Colours.of(row.status()), selected);
            canvas.text(i + 1, id.length() + 19, String.format("%-7s  %-8s  %-40s  %s", row.attempt(),
                    Units.between(row.started(), row.finished(), now), Canvas.fit(row.progress(), 40), String.join(", ", row.needs())), null, selected);
        }
        if (shown.isEmpty()) {
            canvas.text(1, 0, snapshot.run() == null ? "loading…" : "no task in this state", TextColor.ANSI.WHITE, false);
            return;
        }
        Row selected = shown.get(cursor.selected());
        List<String> neededBy = snapshot.neededBy().getOrDefault(selected.id(), List.of());
        canvas.text(canvas.height - 1, 0, selected.id() + "  needs: " + (selected.needs().isEmpty() ? "nothing" : String.join(", ", selected.needs()))
                + "   needed by: " + (neededBy.isEmpty() ? "nothing" : String.join(", ", neededBy)), TextColor.ANSI.CYAN, false);
    }

    @Override
    public Action key(KeyStroke key) {
        List<Row> shown = shown();
        if (cursor.move(key, shown.size(), 20)) {
            return Action.STAY;
        }
        if (key.getKeyType() == KeyType.Escape) {
            return Action.BACK;
        }
        boolean enter = key.getKeyType() == KeyType.Enter;
        Character c = key.getKeyType() == KeyType.Character ? key.getCharacter() : null;
        if ((enter || (c != null && c == 'l')) && !shown.isEmpty()) {
            return new Action.Open(new LogView(tui, runId, shown.get(cursor.selected()).id(), "stdout"));
        }
        if (c == null) {
            return Action.STAY;
        }
        return switch (c) {
            case 'c' -> shown.isEmpty() ? Action.STAY : new Action.Open(new ContextView(tui, runId, shown.get(cursor.selected()).id()));
            case '/' -> Action.PROMPT;
            case 'n' -> find(cursor.selected() + 1);
            case 'f' -> {
                filter = (filter + 1) % FILTERS.size();
                cursor.select(0, 1);
                yield Action.say(shown().size() + " tasks " + FILTERS.get(filter));
            }
            case 'e' -> export();
            default -> Action.STAY;
        };
    }

    @Override
    public Action search(String text) {
        search = text.strip().toLowerCase(Locale.ROOT);
        return find(0);
    }

    /** Selects the first task from {@code from} whose id contains the search, wrapping around. */
    private Action find(int from) {
        if (search.isEmpty()) {
            return Action.STAY;
        }
        List<Row> shown = shown();
        for (int i = 0; i < shown.size(); i++) {
            int index = (from + i) % shown.size();
            if (shown.get(index).id().toLowerCase(Locale.ROOT).contains(search)) {
                cursor.select(index, shown.size());
                return Action.say("task " + shown.get(index).id());
            }
        }
        return Action.say("no task matches \"" + search + "\"");
    }

    private Action export() {
        JsonNode run = snapshot.run();
        if (run == null) {
            return Action.say("nothing to save yet");
        }
        Path file = tui.exportDir().resolve("spool-run-" + runId + ".txt");
        List<String> lines = new ArrayList<>();
        lines.addAll(RunTable.header(run, Instant.now(), Style.PLAIN).lines().toList());
        lines.addAll(RunTable.lines(run, Instant.now(), Style.PLAIN, Integer.MAX_VALUE));
        try {
            Files.write(file, lines);
            return Action.say("saved the table to " + file);
        } catch (IOException e) {
            return Action.say("cannot save to " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void refresh() {
        try {
            JsonNode run = tui.gateway().get("/api/v1/runs/" + runId);
            List<Row> rows = new ArrayList<>();
            Map<String, List<String>> neededBy = new HashMap<>();
            for (JsonNode task : run.path("tasks")) {
                List<String> needs = RunTable.dependsOn(task);
                String id = task.path("id").asText();
                needs.forEach(need -> neededBy.computeIfAbsent(need, ignored -> new ArrayList<>()).add(id));
                int attempt = task.path("attempt").asInt();
                rows.add(new Row(id, task.path("status").asText(), attempt == 0 ? "-" : Integer.toString(attempt),
                        Units.instant(task.path("started_at").asText(null)), Units.instant(task.path("finished_at").asText(null)),
                        RunTable.progress(task), needs));
            }
            snapshot = new Snapshot(run, List.copyOf(rows), neededBy);
            error = null;
        } catch (CliException e) {
            error = e.getMessage();
        }
    }
}
