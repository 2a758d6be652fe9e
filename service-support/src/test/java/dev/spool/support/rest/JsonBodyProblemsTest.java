package dev.spool.support.rest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonBodyProblemsTest {

    record Color(String name) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Color of(String name) {
            if (!List.of("red", "green").contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a color: use red or green");
            }
            return new Color(name);
        }
    }

    record Budget(int maxBytes, List<Integer> steps) {
    }

    record Request(UUID runId, String taskId, Budget budget, Color color) {
    }

    private final ObjectMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .findAndAddModules().build();

    private ApiError.Problem problemOf(String body) {
        JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class, () -> json.readValue(body, Request.class));
        assertThat(failure).as("%s is refused", body).isNotNull();
        ApiError.Problem problem = JsonBodyProblems.of(failure);
        assertThat(problem.message()).doesNotContain("java.", "Exception", "dev.spool", "Request", "Source:");
        return problem;
    }

    @Test
    void aBodyThatDoesNotParseSaysWhereTheSyntaxBreaks() {
        assertThat(problemOf("{\"run_id\": ")).isEqualTo(new ApiError.Problem("body",
                "the body is not valid JSON (line 1, column 12): send one JSON object"));
    }

    @Test
    void aBodyCutShortInsideAListIsASyntaxErrorToo() {
        assertThat(problemOf("{\"budget\": {\"steps\": [1, 2").path()).isEqualTo("body");
        assertThat(problemOf("{\"budget\": {\"steps\": [1, 2").message()).startsWith("the body is not valid JSON (line 1");
    }

    @Test
    void aBodyOfTheWrongShapeSaysAnObjectIsExpected() {
        assertThat(problemOf("[]")).isEqualTo(new ApiError.Problem("body", "the body must be an object"));
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedByItsPathWithWhatItMustBe() {
        assertThat(problemOf("{\"run_id\": \"xyz\"}")).isEqualTo(new ApiError.Problem("run_id",
                "'run_id' must be a UUID such as 3f2c6a8e-0b1d-4c55-9e2a-7d4b8c1f0a9e"));
        assertThat(problemOf("{\"budget\": {\"max_bytes\": \"lots\"}}")).isEqualTo(new ApiError.Problem("budget.max_bytes",
                "'budget.max_bytes' must be a whole number"));
        assertThat(problemOf("{\"budget\": {\"steps\": [1, \"two\"]}}").path()).isEqualTo("budget.steps[1]");
        assertThat(problemOf("{\"budget\": {\"steps\": 3}}").message()).isEqualTo("'budget.steps' must be a list");
    }

    @Test
    void aValueOurOwnTypesRefuseKeepsTheirAdvice() {
        assertThat(problemOf("{\"color\": \"blue\"}")).isEqualTo(new ApiError.Problem("color",
                "'color': 'blue' is not a color: use red or green"));
    }
}
