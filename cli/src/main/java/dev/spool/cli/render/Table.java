package dev.spool.cli.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Columns aligned by their widest cell as it shows (escape sequences do not count), the last column unpadded. A
 * row may be followed by a note printed under it, indented to the second column.
 */
public final class Table {

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Table(String... headers) {
        this.headers = headers;
    }

    public Table row(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + headers.length + " columns");
        }
        rows.add(Arrays.stream(cells).map(cell -> cell == null ? "" : cell).toArray(String[]::new));
        notes.add(null);
        return this;
    }

    /** A line under the last row, such as why a task failed. */
    public Table note(String note) {
        notes.set(notes.size() - 1, note);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public List<String> lines(Style style) {
        int[] widths = new int[headers.length];
        for (int column = 0; column < headers.length; column++) {
            widths[column] = headers[column].length();
        }
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], Style.visibleLength(row[column]));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(style.bold(line(headers, widths)));
        for (int i = 0; i < rows.size(); i++) {
            lines.add(line(rows.get(i), widths));
            if (notes.get(i) != null) {
                lines.add(" ".repeat(widths[0] + 2) + notes.get(i));
            }
        }
        return lines;
    }

    public String render(Style style) {
        return String.join(System.lineSeparator(), lines(style));
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.length; column++) {
            String cell = cells[column];
            line.append(cell);
            if (column < cells.length - 1) {
                line.append(" ".repeat(widths[column] - Style.visibleLength(cell) + 2));
            }
        }
        return line.toString().stripTrailing();
    }
}
