package dev.spool.worker.service;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnpassableVariableTest {

    @Test
    void aValueWithNulIsNamedByItsVariableAndNeverShown() {
        String why = TaskRunner.unpassableVariable(Map.of("TOKEN", "s3cr\u0000et"), Map.of());
        assertThat(why).contains("TOKEN", "NUL").doesNotContain("s3cr");
    }

    @Test
    void aSecretWithNulIsRefusedToo() {
        assertThat(TaskRunner.unpassableVariable(Map.of(), Map.of("DB_PASSWORD", "\u0000"))).contains("DB_PASSWORD");
    }

    @Test
    void aNameWithAnEqualsSignIsRefused() {
        assertThat(TaskRunner.unpassableVariable(Map.of("A=B", "x"), Map.of())).contains("'='");
    }

    @Test
    void ordinaryVariablesPass() {
        assertThat(TaskRunner.unpassableVariable(Map.of("A", "b c", "EMPTY", ""), Map.of("S", "x"))).isNull();
    }
}
