package dev.spool.support;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class TextsAndFailuresTest {

    @Test
    void aFailureIsDescribedByItsInnermostMessageWithoutJavaTypeNames() {
        RuntimeException failure = new IllegalStateException("wrapped",
                new SQLException("org.postgresql.util.PSQLException: ERROR: invalid byte sequence for encoding \"UTF8\": 0x00"));
        assertThat(Failures.describe(failure)).isEqualTo("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00");
        assertThat(Failures.describe(new NullPointerException())).isEqualTo("an internal error");
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreRefusedWithWhereTheyAre() {
        assertThat(Texts.problem("a\u0000b", true)).contains("U+0000 (NUL)", "position 1");
        assertThat(Texts.problem("line\nbreak", true)).isNull();
        assertThat(Texts.problem("line\nbreak", false)).contains("U+000A");
        assertThat(Texts.problem("\ud800x", true)).contains("lone UTF-16 surrogate at position 0");
        assertThat(Texts.problem("emoji \uD83D\uDE00 and tabs\t", false)).isNull();
    }

    @Test
    void aQuotedValueIsShortAndPrintable() {
        assertThat(Texts.quote("a\u0000b")).isEqualTo("'a\\u0000b'");
        assertThat(Texts.quote("x".repeat(1000))).startsWith("'xxx").endsWith("...' (1000 characters)").hasSizeLessThan(110);
        assertThat(Texts.quote(null)).isEqualTo("(missing)");
    }

    @Test
    void storableTextHasNoNulAndABoundedLength() {
        assertThat(Texts.storable("a\u0000b", 10)).isEqualTo("a\uFFFDb");
        assertThat(Texts.storable("x".repeat(50), 10)).hasSize(10).endsWith("…");
    }
}
