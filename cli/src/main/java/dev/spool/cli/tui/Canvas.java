package dev.spool.cli.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

/** Where a view draws: its rows between the title bar and the status bar, and helpers that never overflow a line. */
final class Canvas {

    private final TextGraphics graphics;
    private final int top;
    final int width;
    final int height;

    Canvas(TextGraphics graphics, int top, int width, int height) {
        this.graphics = graphics;
        this.top = top;
        this.width = width;
        this.height = height;
    }

    void text(int row, int column, String text, TextColor colour, boolean reverse) {
        if (row < 0 || row >= height || column >= width) {
            return;
        }
        graphics.setForegroundColor(colour == null ? TextColor.ANSI.DEFAULT : colour);
        graphics.setBackgroundColor(TextColor.ANSI.DEFAULT);
        if (reverse) {
            graphics.enableModifiers(SGR.REVERSE);
        }
        graphics.putString(column, top + row, fit(text, width - column));
        graphics.disableModifiers(SGR.REVERSE);
    }

    void line(int row, String text, boolean reverse) {
        text(row, 0, reverse ? pad(text, width) : text, null, reverse);
    }

    static String fit(String text, int width) {
        if (width <= 0) {
            return "";
        }
        String clean = text.replace('\t', ' ').replaceAll("\\p{Cntrl}", "");
        return clean.length() <= width ? clean : clean.substring(0, Math.max(0, width - 1)) + "…";
    }

    static String pad(String text, int width) {
        String fitted = fit(text, width);
        return fitted + " ".repeat(Math.max(0, width - fitted.length()));
    }
}
