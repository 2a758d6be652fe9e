package dev.spool.cli.tui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextBufferTest {

    @Test
    void textArrivingInPiecesBecomesLines() {
        TextBuffer buffer = new TextBuffer();
        buffer.append("row 1\nro");
        buffer.append("w 2\r\nrow");

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.search("row 2", 10)).isEqualTo("\"row 2\": match 1 of 1 at line 2");
    }

    @Test
    void searchFindsEachMatchInTurnAndWrapsAround() {
        TextBuffer buffer = new TextBuffer();
        for (int i = 1; i <= 100; i++) {
            buffer.append((i % 30 == 0 ? "ERROR at row " : "row ") + i + "\n");
        }

        assertThat(buffer.search("error", 10)).isEqualTo("\"error\": match 1 of 3 at line 30");
        assertThat(buffer.next(true, 10)).isEqualTo("\"error\": match 2 of 3 at line 60");
        assertThat(buffer.next(true, 10)).isEqualTo("\"error\": match 3 of 3 at line 90");
        assertThat(buffer.next(true, 10)).isEqualTo("\"error\": match 1 of 3 at line 30");
        assertThat(buffer.next(false, 10)).isEqualTo("\"error\": match 3 of 3 at line 90");
        assertThat(buffer.search("missing", 10)).isEqualTo("\"missing\" not found");
    }

    @Test
    void aLongLogKeepsItsNewestLinesAndSaysHowManyWereDropped() {
        TextBuffer buffer = new TextBuffer();
        StringBuilder chunk = new StringBuilder();
        for (int i = 0; i < TextBuffer.MAX_LINES + 500; i++) {
            chunk.append("line ").append(i).append('\n');
        }
        buffer.append(chunk.toString());

        assertThat(buffer.size()).isEqualTo(TextBuffer.MAX_LINES);
        assertThat(buffer.position(10)).contains("(500 earlier lines dropped)").contains("[following the end]");
    }
}
