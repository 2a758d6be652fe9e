package dev.spool.cli.tui;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import dev.spool.cli.CliException;
import dev.spool.cli.client.Gateway;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A task's log, live: the gateway's follow stream (what it printed so far, then each chunk as it comes; the recorded
 * output once it has ended) read on a thread of its own into a {@link TextBuffer}.
 */
final class LogView implements View {

    private final Tui tui;
    private final String runId;
    private final String taskId;
    private final TextBuffer buffer = new TextBuffer();
    private volatile String stream;
    private volatile String state = "connecting…";
    private volatile Thread reader;
    private volatile InputStream body;
    private int rows = 20;

    LogView(Tui tui, String runId, String taskId, String stream) {
        this.tui = tui;
        this.runId = runId;
        this.taskId = taskId;
        this.stream = stream;
        start();
    }

    @Override
    public String title() {
        return "log of " + taskId + " (" + stream + ")  run " + runId + "  " + state;
    }

    @Override
    public List<String[]> keys() {
        return List.of(new String[]{"/", "search (n: next, N: previous)"}, new String[]{"s", "switch between stdout and stderr"},
                new String[]{"e", "save the log to a file"}, new String[]{"↑ ↓ PgUp PgDn g G", "scroll (G follows the end)"},
                new String[]{"Esc", "back to the run"});
    }

    private void start() {
        String path = Gateway.path("/api/v1/runs/" + runId + "/tasks/" + Gateway.segment(taskId) + "/output",
                Gateway.query("stream", stream, "follow", true));
        Thread thread = Thread.ofVirtual().name("spool-tui-log").unstarted(() -> read(path));
        reader = thread;
        thread.start();
    }

    private void read(String path) {
        try {
            state = "waiting for output…";
            InputStream in = tui.gateway().stream(path, Map.of(), true);
            body = in;
            state = "live";
            try (Reader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] chunk = new char[16 * 1024];
                for (int read; (read = text.read(chunk)) >= 0; ) {
                    if (Thread.currentThread() != reader) {
                        return;
                    }
                    buffer.append(new String(chunk, 0, read));
                }
            }
            state = "ended";
        } catch (CliException e) {
            state = e.getMessage();
        } catch (java.io.IOException e) {
            state = Thread.currentThread() == reader ? "the stream broke off: " + e.getMessage() : state;
        }
    }

    @Override
    public void draw(Canvas canvas) {
        rows = canvas.height - 1;
        buffer.draw(canvas, 0, rows);
        canvas.text(canvas.height - 1, 0, buffer.position(rows), TextColor.ANSI.CYAN, false);
    }

    @Override
    public Action key(KeyStroke key) {
        Action reading = ReadingKeys.handle(key, buffer, rows, tui.exportDir().resolve("spool-" + runId + "-" + taskId + "-" + stream + ".log"));
        if (reading != null) {
            return reading;
        }
        if (key.getCharacter() == 's') {
            close();
            stream = stream.equals("stdout") ? "stderr" : "stdout";
            buffer.replace(List.of());
            start();
            return Action.say("reading " + stream);
        }
        return Action.STAY;
    }

    @Override
    public Action search(String text) {
        return Action.say(buffer.search(text, rows));
    }

    @Override
    public void refresh() {
        // The stream brings what is new by itself.
    }

    @Override
    public void close() {
        reader = null;
        InputStream in = body;
        if (in != null) {
            try {
                in.close();
            } catch (java.io.IOException ignored) {
                // Closing is all that is wanted.
            }
        }
    }
}
