package dev.spool.cli.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import dev.spool.cli.CliException;
import dev.spool.cli.client.Gateway;
import dev.spool.cli.render.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A task's outputs (its TaskOutput records) and the context document it received, as one scrollable, searchable text. */
final class ContextView implements View {

    private final Tui tui;
    private final String runId;
    private final String taskId;
    private final TextBuffer buffer = new TextBuffer();
    private volatile boolean loaded;
    private int rows = 20;

    ContextView(Tui tui, String runId, String taskId) {
        this.tui = tui;
        this.runId = runId;
        this.taskId = taskId;
    }

    @Override
    public String title() {
        return "outputs and context of " + taskId + "  run " + runId;
    }

    @Override
    public List<String[]> keys() {
        return List.of(new String[]{"/", "search (n: next, N: previous)"}, new String[]{"r", "read them again"},
                new String[]{"e", "save to a file"}, new String[]{"Esc", "back to the run"});
    }

    @Override
    public void draw(Canvas canvas) {
        rows = canvas.height - 1;
        buffer.draw(canvas, 0, rows);
        canvas.text(canvas.height - 1, 0, loaded ? buffer.position(rows) : "loading…", TextColor.ANSI.CYAN, false);
    }

    @Override
    public Action key(KeyStroke key) {
        Action reading = ReadingKeys.handle(key, buffer, rows, tui.exportDir().resolve("spool-" + runId + "-" + taskId + "-context.txt"));
        if (reading != null) {
            return reading;
        }
        if (key.getCharacter() == 'r') {
            loaded = false;
            tui.refreshNow().run();
            return Action.say("reading again");
        }
        return Action.STAY;
    }

    @Override
    public Action search(String text) {
        return Action.say(buffer.search(text, rows));
    }

    @Override
    public void refresh() {
        if (loaded) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("OUTPUTS");
        try {
            JsonNode page = tui.gateway().get(Gateway.path("/api/v1/runs/" + runId + "/outputs", Gateway.query("task", taskId, "limit", 1000)));
            if (page.path("items").isEmpty()) {
                lines.add("  none recorded yet");
            }
            for (JsonNode item : page.path("items")) {
                lines.add(String.format(Locale.ROOT, "  attempt %s %-7s %s printed (%s lines), %s kept%s, relevance %s%s",
                        item.path("attempt").asText(), item.path("output_type").asText(), Units.bytes(item.path("original_bytes").asLong()),
                        item.path("original_lines").asText(), Units.bytes(item.path("kept_bytes").asLong()),
                        item.path("truncated").asBoolean() ? " (" + item.path("truncation_strategy").asText() + ")" : "",
                        item.hasNonNull("relevance_score") ? String.format(Locale.ROOT, "%.2f", item.path("relevance_score").asDouble()) : "-",
                        item.hasNonNull("external_path") ? ", full copy " + item.path("external_path").asText() : ""));
            }
        } catch (CliException e) {
            lines.add("  " + e.getMessage());
        }
        lines.add("");
        lines.add("CONTEXT");
        try {
            JsonNode document = tui.gateway().get("/api/v1/runs/" + runId + "/tasks/" + Gateway.segment(taskId) + "/context");
            lines.add("  " + (document.path("delivered").asBoolean() ? "delivered at attempt " + document.path("attempt").asInt()
                    : "not asked for yet: what it would receive now") + ", " + Units.bytes(document.path("bytes").asLong()) + " of "
                    + Units.bytes(document.path("budget").path("max_bytes").asLong()));
            for (JsonNode entry : document.path("entries")) {
                lines.add(String.format(Locale.ROOT, "  from %s %s (attempt %s), relevance %.2f: %s%s", entry.path("task_id").asText(),
                        entry.path("output_type").asText(), entry.path("attempt").asText(), entry.path("relevance").asDouble(),
                        entry.path("reason").asText(), entry.path("shortened").asBoolean() ? " (shortened)" : ""));
            }
            for (JsonNode omitted : document.path("omitted")) {
                lines.add("  left out " + omitted.path("task_id").asText() + " " + omitted.path("output_type").asText() + ": " + omitted.path("reason").asText());
            }
            lines.add("");
            lines.add("CONTENT");
            document.path("content").asText("").lines().forEach(line -> lines.add("  " + line));
        } catch (CliException e) {
            lines.add("  " + e.getMessage());
        }
        buffer.replace(lines);
        loaded = true;
    }
}
