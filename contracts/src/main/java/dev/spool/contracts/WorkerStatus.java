package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * A worker announces itself at start, at every heartbeat and when it stops: the scheduler keeps the work in
 * flight within the capacity of the workers it has heard from lately.
 *
 * @param capacity how many attempts it runs at once; 0 once it is stopping
 * @param address  where the gateway reaches it to follow a running attempt's output, such as {@code http://10.1.2.3:8081};
 *                 null from a worker before live output
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WorkerStatus(String workerId, int capacity, int running, boolean stopping, Instant at, String address) implements WireMessage {

    @Override
    public boolean complete() {
        return workerId != null && at != null;
    }

}
