package dev.spool.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Duration;

/** How long an attempt may run before the worker stops it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "strategy")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TaskTimeout.Fixed.class, name = "fixed"),
        @JsonSubTypes.Type(value = TaskTimeout.Adaptive.class, name = "adaptive")
})
public sealed interface TaskTimeout {

    Duration DEFAULT = Duration.ofMinutes(30);

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Fixed(long millis) implements TaskTimeout {
        public static Fixed of(Duration duration) {
            return new Fixed(duration.toMillis());
        }
    }

    /**
     * A budget that follows the work. It starts at {@code base}, multiplied by {@code sizeFactor} for each MB under
     * {@code sizePath} when one is given; an attempt still making progress (printing or using CPU) when its budget
     * runs out gets another {@code base}; never more than {@code max} in all.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Adaptive(long baseMillis, long maxMillis, double sizeFactor, String sizePath) implements TaskTimeout {
    }
}
