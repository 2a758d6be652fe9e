package dev.spool.cli.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** A selected row in a list of rows that scrolls to keep it in sight: arrows, j/k, PgUp/PgDn, Home/End and g/G. */
final class Cursor {

    private int selected;
    private int offset;

    int selected() {
        return selected;
    }

    int offset() {
        return offset;
    }

    void select(int row, int rows) {
        selected = Math.max(0, Math.min(row, rows - 1));
    }

    /** Moves on a key; answers whether the key was one of its own. */
    boolean move(KeyStroke key, int rows, int page) {
        KeyType type = key.getKeyType();
        Character c = type == KeyType.Character ? key.getCharacter() : null;
        if (type == KeyType.ArrowDown || (c != null && c == 'j')) {
            selected++;
        } else if (type == KeyType.ArrowUp || (c != null && c == 'k')) {
            selected--;
        } else if (type == KeyType.PageDown || (c != null && c == ' ')) {
            selected += page;
        } else if (type == KeyType.PageUp) {
            selected -= page;
        } else if (type == KeyType.Home || (c != null && c == 'g')) {
            selected = 0;
        } else if (type == KeyType.End || (c != null && c == 'G')) {
            selected = rows - 1;
        } else {
            return false;
        }
        selected = Math.max(0, Math.min(selected, rows - 1));
        return true;
    }

    /** Scrolls so that the selected row is among the {@code visible} shown. */
    void keepInSight(int rows, int visible) {
        selected = Math.max(0, Math.min(selected, rows - 1));
        if (selected < offset) {
            offset = selected;
        } else if (selected >= offset + visible) {
            offset = selected - visible + 1;
        }
        offset = Math.max(0, Math.min(offset, Math.max(0, rows - visible)));
    }
}
