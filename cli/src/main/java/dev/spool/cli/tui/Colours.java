package dev.spool.cli.tui;

import com.googlecode.lanterna.TextColor;
import dev.spool.cli.render.StatusKind;

/** The colour of each state, the same kinds as the command line's. */
final class Colours {

    private Colours() {
    }

    static TextColor of(String status) {
        return switch (StatusKind.of(status)) {
            case SUCCEEDED -> TextColor.ANSI.GREEN;
            case FAILED -> TextColor.ANSI.RED;
            case RUNNING -> TextColor.ANSI.BLUE_BRIGHT;
            case WAITING -> TextColor.ANSI.WHITE;
            case STOPPED -> TextColor.ANSI.YELLOW;
            case SKIPPED -> TextColor.ANSI.MAGENTA;
        };
    }
}
