package dev.spool.cli.tui;

import com.googlecode.lanterna.input.KeyStroke;

import java.util.List;

/**
 * One screen of the terminal UI. Keys are handled on the UI thread and must answer at once; anything that needs the
 * gateway happens in {@link #refresh()}, on the refresher's thread, which swaps in what the view draws.
 */
interface View {

    String title();

    /** The lines of help that {@code ?} shows for this view: key, then what it does. */
    List<String[]> keys();

    void draw(Canvas canvas);

    Action key(KeyStroke key);

    /** What {@code /} typed, once Enter ends it. */
    default Action search(String text) {
        return Action.STAY;
    }

    /** Reads the gateway again; called about once a second while the view is shown, off the UI thread. */
    void refresh();

    /** The view is left for good: stop what it streams. */
    default void close() {
    }
}
