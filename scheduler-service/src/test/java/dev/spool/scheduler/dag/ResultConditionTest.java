package dev.spool.scheduler.dag;

import dev.spool.contracts.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code when} conditions that read what a dependency left in SPOOL_RESULT_FILE. */
class ResultConditionTest {

    private static DagPlanner.Outcomes build(String result) {
        DagPlanner.Node node = new DagPlanner.Node("build", TaskStatus.SUCCEEDED, 0, 1, List.of(), null, null, false, result);
        return new DagPlanner.Outcomes(Map.of("build", node), Map.of("build", TaskStatus.SUCCEEDED));
    }

    private static boolean holds(String condition, String result) {
        return Condition.parse(condition, false).test(build(result));
    }

    @Test
    void stringsNumbersAndBooleansOfTheResultCompare() {
        String result = "{\"version\":\"1.2\",\"size\":{\"mb\":2.25},\"files\":12,\"green\":true}";
        assertThat(holds("build.result.version == '1.2'", result)).isTrue();
        assertThat(holds("build.result.size.mb < 2.5", result)).isTrue();
        assertThat(holds("build.result.files >= 12 && build.result.green", result)).isTrue();
        assertThat(holds("build.result.files == 12.0", result)).isTrue();
        assertThat(holds("build.result.version == '2.0'", result)).isFalse();
    }

    @Test
    void aMissingResultOrFieldMakesAComparisonFalseExceptNotEqual() {
        assertThat(holds("build.result.version == '1.2'", null)).isFalse();
        assertThat(holds("build.result.version != '1.2'", null)).isTrue();
        assertThat(holds("build.result.nothing.deeper > 1", "{\"nothing\":3}")).isFalse();
    }
}
