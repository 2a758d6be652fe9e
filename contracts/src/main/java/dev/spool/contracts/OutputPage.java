package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** A page of a run's TaskOutput records; {@code next_cursor} fetches the next, null on the last page. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OutputPage(List<TaskOutputView> items, String nextCursor) {

    public OutputPage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
