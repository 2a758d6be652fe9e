package dev.spool.cli.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.spool.cli.CliException;
import dev.spool.cli.client.Gateway;
import dev.spool.cli.render.Units;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The runs, newest first, with a status filter ({@code f}) and a search by name ({@code /}). */
final class RunsView implements View {

    private static final List<String> FILTERS = List.of("ALL", "RUNNING", "FAILED", "SUCCEEDED", "CANCELLED", "PAUSED");

    private final Tui tui;
    private final Cursor cursor = new Cursor();
    private volatile List<JsonNode> runs = List.of();
    private volatile String error;
    private volatile int filter;
    private String search = "";

    RunsView(Tui tui) {
        this.tui = tui;
    }

    @Override
    public String title() {
        return "runs  [" + FILTERS.get(filter) + "]" + (search.isEmpty() ? "" : "  name contains \"" + search + "\"");
    }

    @Override
    public List<String[]> keys() {
        return List.of(new String[]{"Enter", "open the run"}, new String[]{"f", "filter by status: " + String.join(", ", FILTERS)},
                new String[]{"/", "search runs by name (empty: all)"}, new String[]{"↑ ↓ PgUp PgDn g G", "move"});
    }

    private List<JsonNode> shown() {
        if (search.isEmpty()) {
            return runs;
        }
        String needle = search.toLowerCase(Locale.ROOT);
        return runs.stream().filter(run -> run.path("name").asText().toLowerCase(Locale.ROOT).contains(needle)).toList();
    }

    @Override
    public void draw(Canvas canvas) {
        List<JsonNode> shown = shown();
        if (error != null) {
            canvas.text(0, 0, error, TextColor.ANSI.RED, false);
            return;
        }
        canvas.line(0, String.format("%-36s  %-28s  %-10s  %-20s  %s", "RUN", "NAME", "STATUS", "CREATED", "DURATION"), false);
        if (shown.isEmpty()) {
            canvas.text(1, 0, runs.isEmpty() ? "no runs yet (or still loading)" : "no run matches", TextColor.ANSI.WHITE, false);
            return;
        }
        int visible = canvas.height - 1;
        cursor.keepInSight(shown.size(), visible);
        Instant now = Instant.now();
        for (int i = 0; i < visible && cursor.offset() + i < shown.size(); i++) {
            int index = cursor.offset() + i;
            JsonNode run = shown.get(index);
            boolean selected = index == cursor.selected();
            Instant created = Units.instant(run.path("created_at").asText(null));
            String left = String.format("%-36s  %-28s  ", run.path("id").asText(), Canvas.fit(run.path("name").asText(), 28));
            String status = run.path("status").asText();
            canvas.text(i + 1, 0, left, null, selected);
            canvas.text(i + 1, left.length(), String.format("%-10s", status), Colours.of(status), selected);
            canvas.text(i + 1, left.length() + 12, String.format("%-20s  %s",
                    created == null ? "" : created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                    Units.between(created, Units.instant(run.path("finished_at").asText(null)), now)), null, selected);
        }
    }

    @Override
    public Action key(KeyStroke key) {
        List<JsonNode> shown = shown();
        if (cursor.move(key, shown.size(), 10)) {
            return Action.STAY;
        }
        if (key.getKeyType() == KeyType.Enter && !shown.isEmpty()) {
            return new Action.Open(new RunView(tui, shown.get(cursor.selected()).path("id").asText()));
        }
        if (key.getKeyType() == KeyType.Character) {
            switch (key.getCharacter()) {
                case 'f' -> {
                    filter = (filter + 1) % FILTERS.size();
                    tui.refreshNow().run();
                    return Action.say("showing " + FILTERS.get(filter) + " runs");
                }
                case '/' -> {
                    return Action.PROMPT;
                }
                default -> {
                    return Action.STAY;
                }
            }
        }
        return Action.STAY;
    }

    @Override
    public Action search(String text) {
        search = text.strip();
        cursor.select(0, 1);
        return Action.say(search.isEmpty() ? "every run" : shown().size() + " runs match \"" + search + "\"");
    }

    @Override
    public void refresh() {
        try {
            String status = filter == 0 ? null : FILTERS.get(filter);
            JsonNode page = tui.gateway().get(Gateway.path("/api/v1/runs", Gateway.query("status", status, "limit", 500)));
            List<JsonNode> loaded = new ArrayList<>();
            page.path("runs").forEach(loaded::add);
            runs = List.copyOf(loaded);
            error = null;
        } catch (CliException e) {
            error = e.getMessage();
        }
    }
}
