package dev.spool.cli.render;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RenderTest {

    @Test
    void coloursAreOnOnlyOnATerminalWithoutNoColor() {
        assertThat(Style.forTerminal(true, false, Map.of()).colour()).isTrue();
        assertThat(Style.forTerminal(false, false, Map.of()).colour()).isFalse();
        assertThat(Style.forTerminal(true, false, Map.of("NO_COLOR", "1")).colour()).isFalse();
        assertThat(Style.forTerminal(true, true, Map.of()).colour()).isFalse();
        assertThat(Style.forTerminal(true, false, Map.of("TERM", "dumb")).colour()).isFalse();
        // An empty NO_COLOR does not count (no-color.org).
        assertThat(Style.forTerminal(true, false, Map.of("NO_COLOR", "")).colour()).isTrue();
    }

    @Test
    void statusesAreColouredByWhatTheyMean() {
        Style style = new Style(true);

        assertThat(style.status("SUCCEEDED")).contains("\u001b[32m");
        assertThat(style.status("TIMED_OUT")).contains("\u001b[31m");
        assertThat(style.status("RUNNING")).contains("\u001b[34m");
        assertThat(Style.PLAIN.status("FAILED")).isEqualTo("FAILED");
    }

    @Test
    void tablesAlignColumnsAsTheyShowWhateverTheirColours() {
        Style style = new Style(true);
        Table table = new Table("TASK", "STATUS", "EXIT").row("a", style.status("SUCCEEDED"), "0").row("longer-id", style.status("FAILED"), "3")
                .note("why: failed with exit code 3");

        var lines = table.lines(Style.PLAIN);

        assertThat(lines.get(0)).isEqualTo("TASK       STATUS     EXIT");
        assertThat(Style.visibleLength(lines.get(1))).isEqualTo(Style.visibleLength(lines.get(2)));
        assertThat(lines.get(1).replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo("a          SUCCEEDED  0");
        assertThat(lines.get(3)).isEqualTo("           why: failed with exit code 3");
    }

    @Test
    void aLineIsClippedToTheTerminalsWidthAsItShowsKeepingItsColours() {
        Style style = new Style(true);
        String line = "task " + style.status("SUCCEEDED") + " and more";

        String clipped = Style.clip(line, 9);

        assertThat(clipped.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo("task SUCC");
        assertThat(clipped).endsWith("\u001b[0m");
        assertThat(Style.clip("short", 9)).isEqualTo("short");
    }

    @Test
    void sizesAndDurationsReadAsPeopleWriteThem() {
        assertThat(Units.bytes(23)).isEqualTo("23 B");
        assertThat(Units.bytes(65536)).isEqualTo("64 KiB");
        assertThat(Units.bytes(2_097_152)).isEqualTo("2.0 MiB");
        assertThat(Units.bytes(1L << 30)).isEqualTo("1.0 GiB");
        assertThat(Units.count(3_400)).isEqualTo("3400");
        assertThat(Units.count(1_250_000)).isEqualTo("1.3M");
        assertThat(Units.duration(Duration.ofMillis(6_512))).isEqualTo("6.5s");
        assertThat(Units.duration(Duration.ofSeconds(125))).isEqualTo("2m05s");
        assertThat(Units.duration(Duration.ofMinutes(135))).isEqualTo("2h15m");
    }

    @Test
    void aProgressBarFillsWithItsShareAndCountsWhenTheTotalIsUnknown() {
        assertThat(ProgressBar.render("downloading", 50, 100, "50 B of 100 B")).isEqualTo(
                "downloading [###############...............] 50% 50 B of 100 B");
        assertThat(ProgressBar.render("downloading", 50, -1, "50 B")).isEqualTo("downloading 50 B");
    }

    @Test
    void aProgressBarPrintsNothingWhenNotOnATerminal() {
        var sink = new java.io.ByteArrayOutputStream();
        try (ProgressBar bar = new ProgressBar(new java.io.PrintStream(sink), false, "downloading", 100)) {
            bar.bytes(50);
        }
        assertThat(sink.size()).isZero();
    }
}
