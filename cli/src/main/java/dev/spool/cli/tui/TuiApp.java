package dev.spool.cli.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The terminal UI's loop. The UI thread only reads keys and draws what the views hold, so each key is answered in
 * the time of one frame; one refresher thread reads the gateway for the view on top, once a second and at once when
 * a view asks, and marks the screen for drawing.
 */
public final class TuiApp {

    private static final long FRAME_MILLIS = 15;

    private final Deque<View> views = new ArrayDeque<>();
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "spool-tui-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final KeyTiming timing = KeyTiming.fromEnvironment();
    private String message = "? for help, q to quit";
    private StringBuilder prompt;
    private boolean help;

    /** @param runId a run to open at once, or null for the list of runs */
    TuiApp(dev.spool.cli.client.Gateway gateway, java.nio.file.Path exportDir, String runId) {
        Tui tui = new Tui(gateway, exportDir, this::refreshNow);
        views.push(new RunsView(tui));
        if (runId != null) {
            views.push(new RunView(tui, runId));
        }
    }

    private void refreshNow() {
        refresher.execute(this::refreshTop);
    }

    private void refreshTop() {
        View top = views.peek();
        if (top != null) {
            try {
                top.refresh();
            } finally {
                dirty.set(true);
            }
        }
    }

    public void run() throws IOException, InterruptedException {
        DefaultTerminalFactory factory = new DefaultTerminalFactory().setForceTextTerminal(true);
        try (Screen screen = new TerminalScreen(factory.createTerminal())) {
            screen.startScreen();
            screen.setCursorPosition(null);
            refresher.scheduleWithFixedDelay(this::refreshTop, 0, 1, TimeUnit.SECONDS);
            long lastTick = 0;
            while (!views.isEmpty()) {
                KeyStroke key = screen.pollInput();
                if (key != null) {
                    long received = System.nanoTime();
                    if (!handle(key)) {
                        break;
                    }
                    // Drawn at once: a key is answered in the time it takes to handle it and draw one frame.
                    draw(screen);
                    dirty.set(false);
                    timing.key(received);
                    continue;
                }
                if (screen.doResizeIfNecessary() != null) {
                    dirty.set(true);
                }
                long now = System.currentTimeMillis();
                // Durations of running tasks move on by themselves: a frame a second at least.
                if (dirty.getAndSet(false) || now - lastTick > 1000) {
                    lastTick = now;
                    draw(screen);
                }
                Thread.sleep(FRAME_MILLIS);
            }
        } finally {
            timing.close();
            refresher.shutdownNow();
            views.forEach(View::close);
        }
    }

    /** Answers false to quit. */
    private boolean handle(KeyStroke key) {
        if (prompt != null) {
            switch (key.getKeyType()) {
                case Enter -> {
                    String text = prompt.toString();
                    prompt = null;
                    apply(views.peek().search(text));
                }
                case Escape -> prompt = null;
                case Backspace -> {
                    if (!prompt.isEmpty()) {
                        prompt.setLength(prompt.length() - 1);
                    }
                }
                case Character -> prompt.append(key.getCharacter());
                default -> {
                }
            }
            return true;
        }
        if (help) {
            help = false;
            return true;
        }
        if (key.getKeyType() == KeyType.EOF) {
            return false;
        }
        if (key.getKeyType() == KeyType.Character && (key.getCharacter() == 'q' || (key.isCtrlDown() && key.getCharacter() == 'c'))) {
            return false;
        }
        if (key.getKeyType() == KeyType.Character && key.getCharacter() == '?') {
            help = true;
            return true;
        }
        return apply(views.peek().key(key));
    }

    private boolean apply(Action action) {
        switch (action) {
            case Action.Stay stay -> {
                if (stay.message() != null) {
                    message = stay.message();
                }
            }
            case Action.Back ignored -> {
                if (views.size() > 1) {
                    views.pop().close();
                    message = "";
                    refreshNow();
                }
            }
            case Action.Quit ignored -> {
                return false;
            }
            case Action.Prompt ignored -> prompt = new StringBuilder();
            case Action.Open open -> {
                views.push(open.view());
                message = "? for help, Esc back";
                refreshNow();
            }
        }
        return true;
    }

    private void draw(Screen screen) throws IOException {
        TerminalSize size = screen.getTerminalSize();
        screen.clear();
        TextGraphics graphics = screen.newTextGraphics();
        View view = views.peek();
        graphics.setForegroundColor(TextColor.ANSI.BLACK);
        graphics.setBackgroundColor(TextColor.ANSI.CYAN);
        graphics.putString(0, 0, Canvas.pad(" spool  " + view.title(), size.getColumns()));
        graphics.setForegroundColor(TextColor.ANSI.DEFAULT);
        graphics.setBackgroundColor(TextColor.ANSI.DEFAULT);
        Canvas canvas = new Canvas(graphics, 1, size.getColumns(), Math.max(1, size.getRows() - 2));
        view.draw(canvas);
        String bottom = prompt != null ? "/" + prompt : message;
        graphics.enableModifiers(SGR.BOLD);
        graphics.putString(0, size.getRows() - 1, Canvas.pad(bottom, size.getColumns()));
        graphics.disableModifiers(SGR.BOLD);
        if (help) {
            drawHelp(graphics, size, view.keys());
        }
        screen.refresh(Screen.RefreshType.DELTA);
    }

    private static void drawHelp(TextGraphics graphics, TerminalSize size, List<String[]> keys) {
        List<String[]> all = new java.util.ArrayList<>(keys);
        all.add(new String[]{"?", "this help (any key closes it)"});
        all.add(new String[]{"q", "quit"});
        int width = Math.min(size.getColumns() - 4, 76);
        int top = 2;
        graphics.setForegroundColor(TextColor.ANSI.BLACK);
        graphics.setBackgroundColor(TextColor.ANSI.WHITE);
        graphics.putString(2, top, Canvas.pad(" keys", width));
        for (int i = 0; i < all.size() && top + 1 + i < size.getRows() - 1; i++) {
            graphics.putString(2, top + 1 + i, Canvas.pad(String.format(" %-20s %s", all.get(i)[0], all.get(i)[1]), width));
        }
        graphics.setForegroundColor(TextColor.ANSI.DEFAULT);
        graphics.setBackgroundColor(TextColor.ANSI.DEFAULT);
    }
}
