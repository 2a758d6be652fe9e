package dev.spool.cli.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

import java.nio.file.Path;

/** The keys of every view that is text to read (a log, a context): scrolling, search, saving, back. */
final class ReadingKeys {

    private ReadingKeys() {
    }

    /** What the key does to the text, or null when it is not one of these keys (the view's own, then). */
    static Action handle(KeyStroke key, TextBuffer buffer, int rows, Path exportTo) {
        if (buffer.scroll(key, rows)) {
            return Action.STAY;
        }
        if (key.getKeyType() == KeyType.Escape) {
            return Action.BACK;
        }
        if (key.getKeyType() != KeyType.Character) {
            return Action.STAY;
        }
        return switch (key.getCharacter()) {
            case '/' -> Action.PROMPT;
            case 'n' -> Action.say(buffer.next(true, rows));
            case 'N' -> Action.say(buffer.next(false, rows));
            case 'e' -> Action.say(buffer.export(exportTo));
            default -> null;
        };
    }
}
