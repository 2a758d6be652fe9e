package dev.spool.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TruncationMarkerTest {

    @Test
    void groupsThousandsSoLargeCutsReadAtAGlance() {
        assertThat(TruncationMarker.of(1_234_567, 20_345)).isEqualTo("[... 1,234,567 bytes (20,345 lines) truncated ...]\n");
    }
}
